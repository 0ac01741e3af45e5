/**
 * Coinbase "Transaction history" report (coinbase.com > Taxes > Documents), all its header variants:
 *  - 2020-21: Timestamp, Transaction Type, Asset, Quantity Transacted, USD Spot Price at Transaction, USD Subtotal,
 *    USD Total (inclusive of fees), USD Fees, Notes
 *  - 2021-23: ... Spot Price Currency, Spot Price at Transaction, Subtotal, Total (inclusive of fees[ and/or spread]),
 *    Fees[ and/or Spread], Notes
 *  - 2023+:   ID, Timestamp, ..., Price Currency, Price at Transaction, ... (values like "$1,234.56", signed quantities)
 * A preamble ("Transactions", "User,...") precedes the header. Timestamps carry Z or " UTC".
 */
import { type AssetAmount, type Decimal, type IncomeKind, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { normaliseAsset } from '../../normalise/asset-symbol';
import { parseSignedAmount } from '../../normalise/amount-parser';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType } from '../shared/event-shapes';

const INCOME: Readonly<Record<string, IncomeKind>> = {
  'rewards income': 'reward',
  'reward income': 'reward',
  'coinbase earn': 'reward',
  'learning reward': 'reward',
  'subscription rebate': 'reward',
  'subscription rebates (24 hours)': 'reward',
  'incentives rewards payout': 'reward',
  'staking income': 'staking',
  'inflation reward': 'staking',
  'interest income': 'interest',
  'interest': 'interest',
  'airdrop': 'airdrop',
};
/** Moves inside Coinbase that change nothing for tax (staking wrappers). */
const INTERNAL = new Set(['retail staking transfer', 'retail unstaking transfer', 'retail eth2 deprecation', 'staking transfer', 'unstaking transfer']);

/** "Converted 0.5 ETH to 1,000.12 USDC" */
const CONVERTED = /^Converted\s+([\d.,]+(?:[eE][-+]?\d+)?)\s+(\S+)\s+to\s+([\d.,]+(?:[eE][-+]?\d+)?)\s+(\S+)/i;
/** "Bought 0.001 BTC for 30.00 USDC on BTC-USDC at ..." / "Sold 0.001 BTC for 30 USD on BTC-USD ..." */
const TRADED = /^(?:Bought|Sold)\s+([\d.,]+(?:[eE][-+]?\d+)?)\s+(\S+)\s+for\s+\$?([\d.,]+(?:[eE][-+]?\d+)?)\s+(\S+)/i;

function amountFrom(amountText: string | undefined, assetText: string | undefined): AssetAmount | undefined {
  if (amountText === undefined || assetText === undefined) return undefined;
  const a = parseSignedAmount(amountText);
  const asset = normaliseAsset(assetText);
  return a.ok && asset !== undefined ? { asset, amount: a.value.abs() } : undefined;
}

function createCoinbaseParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    id: r.col('id'),
    time: r.col('timestamp'),
    type: r.col('transaction type'),
    asset: r.col('asset'),
    qty: r.col('quantity transacted'),
    currency: r.col('price currency', 'spot price currency'),
    price: r.col('price at transaction', 'spot price at transaction', 'usd spot price at transaction'),
    subtotal: r.col('subtotal', 'usd subtotal'),
    total: r.col('total (inclusive of fees and/or spread)', 'total (inclusive of fees)', 'usd total (inclusive of fees)'),
    fees: r.col('fees and/or spread', 'fees', 'usd fees'),
    notes: r.col('notes'),
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const typeText = r.required(c.type, 'Transaction Type');
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const asset = r.asset(c.asset);
      const qty = r.magnitude(c.qty, true);
      const currency = c.currency < 0 ? USD : r.text(c.currency).toUpperCase() || USD;
      if (currency !== USD) r.fail('UNSUPPORTED_CURRENCY', `prices in ${currency} cannot be valued; export the report in USD`, c.currency);
      const price = r.magnitude(c.price);
      const subtotal = r.magnitude(c.subtotal);
      const fees = r.magnitude(c.fees);
      r.magnitude(c.total);
      if (!r.ok || typeText === undefined || timestamp === undefined || asset === undefined || qty === undefined) return;
      const kind = typeText.toLowerCase();
      const notes = r.text(c.notes);
      const value: Decimal | undefined = subtotal ?? (price === undefined ? undefined : price.times(qty));
      const fee = fees === undefined || fees.isZero() ? undefined : { asset: USD, amount: fees };
      const externalId = r.text(c.id);
      const moved = { asset, amount: qty };
      const emit = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): void =>
        sink.event(line, makeDraft(sink.account, timestamp, type, { externalId, note: notes, ...parts }), externalId);

      if (INTERNAL.has(kind)) return;
      const incomeKind = INCOME[kind];
      if (incomeKind !== undefined) {
        emit('income', { received: moved, usdValue: value, incomeKind });
        return;
      }
      switch (kind) {
        case 'buy':
        case 'advanced trade buy':
        case 'advance trade buy':
        case 'sell':
        case 'advanced trade sell':
        case 'advance trade sell': {
          const buying = kind.endsWith('buy');
          // Notes name the quote asset of Advanced Trade fills ("... for 65.39 USDC on BTC-USDC"): the amount there is
          // the total (buy: subtotal + fee; sell: subtotal - fee) and the fee is paid in that asset.
          const m = TRADED.exec(notes);
          const quote = m ? amountFrom(m[3], m[4]) : undefined;
          if (quote !== undefined && quote.asset !== USD) {
            const feeInQuote = fees ?? quote.amount.minus(quote.amount);
            const gross = { asset: quote.asset, amount: buying ? quote.amount.minus(feeInQuote) : quote.amount.plus(feeInQuote) };
            const quoteFee = feeInQuote.isZero() ? undefined : { asset: quote.asset, amount: feeInQuote };
            emit('trade', { sent: buying ? gross : moved, received: buying ? moved : gross, fee: quoteFee, usdValue: value });
            return;
          }
          if (value === undefined) {
            r.fail('MISSING_FIELD', 'Subtotal (or the spot price) is needed to value a buy or sell', c.subtotal, '');
            return;
          }
          const usd = { asset: USD, amount: value };
          emit(buying ? 'buy' : 'sell', { sent: buying ? usd : moved, received: buying ? moved : usd, fee, usdValue: value });
          return;
        }
        case 'convert': {
          const m = CONVERTED.exec(notes);
          const received = m ? amountFrom(m[3], m[4]) : undefined;
          if (received === undefined) {
            r.fail('MISSING_FIELD', 'a Convert needs Notes like "Converted 0.5 ETH to 1,000 USDC" to know what was received', c.notes);
            return;
          }
          emit(tradeType(moved, received), { sent: moved, received, fee, usdValue: value });
          return;
        }
        case 'send':
        case 'withdrawal':
        case 'pro deposit':
        case 'exchange deposit': {
          // A network fee on a crypto send is paid in that crypto; Coinbase shows it in USD at the spot price.
          const inKind = fee !== undefined && asset !== USD && price !== undefined && !price.isZero();
          emit('withdrawal', {
            sent: moved,
            fee: inKind ? { asset, amount: fee.amount.div(price).toDecimalPlaces(18) } : fee,
            feeUsd: inKind ? fee.amount : undefined,
            usdValue: asset === USD ? qty : value,
          });
          return;
        }
        case 'receive':
        case 'deposit':
        case 'pro withdrawal':
        case 'exchange withdrawal':
          emit('deposit', { received: moved, fee, usdValue: asset === USD ? qty : value });
          return;
        default:
          r.fail('UNKNOWN_TYPE', `unknown Coinbase transaction type "${typeText}"`, c.type);
      }
    },
    finish() {
      // Rows are independent.
    },
  };
}

const COMMON_OPTIONAL = ['notes', 'subtotal', 'total (inclusive of fees)', 'total (inclusive of fees and/or spread)', 'fees', 'fees and/or spread'];

export const coinbaseFormat: SourceFormat = {
  id: 'coinbase',
  label: 'Coinbase transaction history',
  family: 'coinbase',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['id', 'timestamp', 'transaction type', 'asset', 'quantity transacted', 'price currency', 'price at transaction'],
      optional: COMMON_OPTIONAL,
    },
    {
      required: ['timestamp', 'transaction type', 'asset', 'quantity transacted', 'spot price currency', 'spot price at transaction'],
      optional: COMMON_OPTIONAL,
    },
    {
      required: ['timestamp', 'transaction type', 'asset', 'quantity transacted', 'usd spot price at transaction'],
      optional: ['usd subtotal', 'usd total (inclusive of fees)', 'usd fees', 'notes'],
    },
  ],
  createRowParser: createCoinbaseParser,
};
