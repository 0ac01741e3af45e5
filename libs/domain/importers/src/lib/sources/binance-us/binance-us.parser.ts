/**
 * Binance.US tax report ("Transaction history" export): User_Id, Time, Category, Operation, Order_Id,
 * Transaction_Id, Primary_Asset, Realized_Amount_For_Primary_Asset(+_In_USD_Value), Base_Asset, ..., Quote_Asset,
 * ..., Fee_Asset, Realized_Amount_For_Fee_Asset(+_In_USD_Value), Payment_Method, Withdrawal_Method,
 * Additional_Note. Trades use base/quote, transfers and distributions the primary asset. Times are UTC.
 */
import { type AssetAmount, type Decimal, type IncomeKind, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

const COLUMNS = [
  'user_id', 'time', 'category', 'operation', 'order_id', 'transaction_id', 'primary_asset',
  'realized_amount_for_primary_asset', 'realized_amount_for_primary_asset_in_usd_value', 'base_asset',
  'realized_amount_for_base_asset', 'realized_amount_for_base_asset_in_usd_value', 'quote_asset',
  'realized_amount_for_quote_asset', 'realized_amount_for_quote_asset_in_usd_value', 'fee_asset',
  'realized_amount_for_fee_asset', 'realized_amount_for_fee_asset_in_usd_value', 'payment_method',
  'withdrawal_method', 'additional_note',
] as const;

const TRADE_CATEGORIES = new Set(['spot trading', 'buy', 'sell', 'quick buy', 'quick sell', 'convert', 'otc trading']);

function incomeKindOf(text: string): IncomeKind {
  const t = text.toLowerCase();
  if (t.includes('staking')) return 'staking';
  if (t.includes('airdrop')) return 'airdrop';
  if (t.includes('interest')) return 'interest';
  return 'reward';
}

function createBinanceUsParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = Object.fromEntries(COLUMNS.map((n) => [n, r.col(n)])) as Record<(typeof COLUMNS)[number], number>;
  const amountOf = (assetCol: number, amountCol: number): AssetAmount | undefined => {
    const asset = r.asset(assetCol);
    const amount = r.magnitude(amountCol, true);
    return asset === undefined || amount === undefined ? undefined : { asset, amount };
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const category = r.required(c.category, 'Category')?.toLowerCase();
      const operation = r.text(c.operation);
      const op = operation.toLowerCase();
      const txId = r.text(c.transaction_id);
      let fee: AssetAmount | undefined;
      if (r.text(c.fee_asset) !== '' && r.text(c.realized_amount_for_fee_asset) !== '') fee = amountOf(c.fee_asset, c.realized_amount_for_fee_asset);
      if (!r.ok || timestamp === undefined || category === undefined) return;
      const note = r.text(c.additional_note);
      const emit = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): void =>
        sink.event(line, makeDraft(sink.account, timestamp, type, { fee, externalId: txId, note, ...parts }), txId === '' ? undefined : `${txId}|${op}`);

      if (TRADE_CATEGORIES.has(category)) {
        const base = amountOf(c.base_asset, c.realized_amount_for_base_asset);
        const quote = amountOf(c.quote_asset, c.realized_amount_for_quote_asset);
        const quoteUsd = r.magnitude(c.realized_amount_for_quote_asset_in_usd_value);
        if (!r.ok || base === undefined || quote === undefined) return;
        const buying = op.includes('buy') || (!op.includes('sell') && category.includes('buy'));
        if (!buying && !op.includes('sell') && !category.includes('sell')) {
          r.fail('UNKNOWN_TYPE', `cannot tell buy from sell for operation "${operation}"`, c.operation);
          return;
        }
        const sent = buying ? quote : base;
        const received = buying ? base : quote;
        emit(tradeType(sent, received), { sent, received, usdValue: usdSide(sent, received) ?? quoteUsd });
        return;
      }
      const primary = (): { moved: AssetAmount; usd: Decimal | undefined } | undefined => {
        const moved = amountOf(c.primary_asset, c.realized_amount_for_primary_asset);
        const usd = r.magnitude(c.realized_amount_for_primary_asset_in_usd_value);
        return moved === undefined || !r.ok ? undefined : { moved, usd: moved.asset === USD ? moved.amount : usd };
      };
      switch (category) {
        case 'deposit': {
          const p = primary();
          if (p !== undefined) emit('deposit', { received: p.moved, usdValue: p.usd });
          return;
        }
        case 'withdrawal': {
          const p = primary();
          if (p !== undefined) emit('withdrawal', { sent: p.moved, usdValue: p.usd });
          return;
        }
        case 'staking':
        case 'distribution':
        case 'staking rewards':
        case 'rewards':
        case 'referral': {
          // Staking/unstaking moves the asset inside Binance.US; only the rewards are income.
          if (category === 'staking' && !op.includes('reward')) return;
          const p = primary();
          if (p !== undefined) emit('income', { received: p.moved, usdValue: p.usd, incomeKind: incomeKindOf(`${category} ${operation}`) });
          return;
        }
        default:
          r.fail('UNKNOWN_TYPE', `unknown Binance.US category "${r.text(c.category)}"`, c.category);
      }
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const binanceUsFormat: SourceFormat = {
  id: 'binance-us',
  label: 'Binance.US transaction history',
  family: 'binance-us',
  timeZone: 'UTC',
  headerVariants: [{ required: ['time', 'category', 'operation', 'primary_asset', 'realized_amount_for_primary_asset', 'base_asset', 'quote_asset'], optional: [...COLUMNS] }],
  createRowParser: createBinanceUsParser,
};
