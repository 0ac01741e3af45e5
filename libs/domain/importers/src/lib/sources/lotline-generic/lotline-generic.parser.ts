/**
 * Lotline generic CSV v1 (issue 5): header row required, any column order, amounts positive, timestamps with offset.
 * Conventions: `sent`/`received`/`fee` are separate movements (a buy's fee is on top of the USD sent), except for a
 * transfer, where `sent` includes the fee and `received` is what arrived (fee = sent - received when absent).
 */
import {
  type AssetAmount, type Decimal, EVENT_TYPES, type EventType, INCOME_KINDS, type IncomeKind, USD,
} from '@lotline/ledger';
import { MAX_QUANTITY_DECIMALS } from '../../normalise/amount-parser';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';

export const GENERIC_COLUMNS = [
  'date', 'type', 'account', 'to_account', 'sent_asset', 'sent_amount', 'received_asset', 'received_amount',
  'fee_asset', 'fee_amount', 'usd_value', 'fee_usd', 'income_kind', 'tx_id', 'note',
] as const;

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const KINDS: ReadonlySet<string> = new Set(INCOME_KINDS);

/** Which sides each type needs ('req'), allows ('opt') or forbids (absent). */
const SIDES: Readonly<Record<EventType, { sent?: 'req' | 'opt'; received?: 'req' | 'opt' }>> = {
  buy: { sent: 'req', received: 'req' },
  sell: { sent: 'req', received: 'req' },
  trade: { sent: 'req', received: 'req' },
  deposit: { received: 'req' },
  withdrawal: { sent: 'req' },
  transfer: { sent: 'req', received: 'opt' },
  income: { received: 'req' },
  spend: { sent: 'req' },
  gift_in: { received: 'req' },
  gift_out: { sent: 'req' },
  fee: {},
  lost: { sent: 'req' },
};

/** Types whose USD value cannot come from the row itself, so it must be given (unless a price source exists). */
const NEEDS_USD_VALUE: ReadonlySet<EventType> = new Set<EventType>(['income', 'gift_in', 'gift_out', 'spend', 'lost', 'trade']);

function createGenericParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = Object.fromEntries(GENERIC_COLUMNS.map((name) => [name, r.col(name)])) as Record<(typeof GENERIC_COLUMNS)[number], number>;
  const quantity = { maxDecimals: MAX_QUANTITY_DECIMALS };

  const side = (assetCol: number, amountCol: number, rule: 'req' | 'opt' | undefined, label: string, type: string): AssetAmount | undefined => {
    const assetText = r.text(assetCol);
    const amountText = r.text(amountCol);
    if (assetText === '' && amountText === '') {
      if (rule === 'req') r.fail('MISSING_FIELD', `${label}_asset and ${label}_amount are required for a ${type}`, assetCol === -1 ? amountCol : assetCol, '');
      return undefined;
    }
    if (rule === undefined) {
      r.fail('INCONSISTENT_ROW', `a ${type} has no ${label} side; leave ${label}_asset and ${label}_amount empty`, assetText === '' ? amountCol : assetCol);
      return undefined;
    }
    const asset = r.asset(assetCol);
    const amount = r.positive(amountCol, { required: true, ...quantity });
    return asset === undefined || amount === undefined ? undefined : { asset, amount };
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const timestamp = r.timestamp(c.date, { zone: 'UTC', requireOffset: true });
      const typeText = r.required(c.type, 'type')?.toLowerCase();
      if (typeText !== undefined && !TYPES.has(typeText)) {
        r.fail('UNKNOWN_TYPE', `type must be one of ${EVENT_TYPES.join(', ')}`, c.type);
      }
      const account = r.text(c.account) || sink.account;
      if (account === '') r.fail('MISSING_FIELD', 'account is required (no default account was given for this file)', c.account, '');
      if (!r.ok || typeText === undefined || timestamp === undefined) return;
      const type = typeText as EventType;
      const rules = SIDES[type];

      const sent = side(c.sent_asset, c.sent_amount, rules.sent, 'sent', type);
      let received = side(c.received_asset, c.received_amount, rules.received, 'received', type);
      let fee: AssetAmount | undefined;
      if (r.text(c.fee_asset) !== '' || r.text(c.fee_amount) !== '') {
        const feeAsset = r.asset(c.fee_asset);
        const feeAmount = r.positive(c.fee_amount, { required: true, allowZero: true, ...quantity });
        if (feeAsset !== undefined && feeAmount !== undefined && !feeAmount.isZero()) fee = { asset: feeAsset, amount: feeAmount };
      } else if (type === 'fee') {
        r.fail('MISSING_FIELD', 'fee_asset and fee_amount are required for a fee', c.fee_amount, '');
      }
      let usdValue = r.positive(c.usd_value, { allowZero: true });
      const feeUsd = r.positive(c.fee_usd, { allowZero: true });
      const kindText = r.text(c.income_kind).toLowerCase();
      let incomeKind: IncomeKind | undefined;
      if (type === 'income') {
        if (kindText === '') r.fail('MISSING_FIELD', `income_kind is required for income (${INCOME_KINDS.join(', ')})`, c.income_kind, '');
        else if (!KINDS.has(kindText)) r.fail('UNKNOWN_INCOME_KIND', `income_kind must be one of ${INCOME_KINDS.join(', ')}`, c.income_kind);
        else incomeKind = kindText as IncomeKind;
      } else if (kindText !== '') {
        r.fail('INCONSISTENT_ROW', 'income_kind is only for income rows', c.income_kind);
      }
      const toAccount = r.text(c.to_account);
      if (type === 'transfer') {
        if (toAccount === '') r.fail('MISSING_FIELD', 'to_account is required for a transfer', c.to_account, '');
        else if (toAccount === account) r.fail('INCONSISTENT_ROW', 'to_account must differ from account', c.to_account);
      } else if (toAccount !== '') {
        r.fail('INCONSISTENT_ROW', 'to_account is only for transfers', c.to_account);
      }
      if (!r.ok) return;

      // Type-specific consistency.
      if (type === 'buy' && sent !== undefined && received !== undefined) {
        if (sent.asset !== USD || received.asset === USD) r.fail('INCONSISTENT_ROW', 'a buy sends USD and receives a crypto asset; use trade for crypto-to-crypto', c.sent_asset, sent.asset);
        else usdValue ??= sent.amount;
      }
      if (type === 'sell' && sent !== undefined && received !== undefined) {
        if (received.asset !== USD || sent.asset === USD) r.fail('INCONSISTENT_ROW', 'a sell sends a crypto asset and receives USD; use trade for crypto-to-crypto', c.received_asset, received.asset);
        else usdValue ??= received.amount;
      }
      if (type === 'trade' && (sent?.asset === USD || received?.asset === USD)) {
        r.fail('INCONSISTENT_ROW', 'a trade is crypto-to-crypto; use buy or sell when one side is USD', sent?.asset === USD ? c.sent_asset : c.received_asset, USD);
      }
      if (type === 'transfer' && sent !== undefined) {
        const result = transferAmounts(sent, received, fee);
        if (typeof result === 'string') r.fail('INCONSISTENT_ROW', result, received === undefined ? c.fee_amount : c.received_amount);
        else ({ received, fee } = result);
      }
      if (NEEDS_USD_VALUE.has(type) && usdValue === undefined && !sink.hasPriceSource) {
        r.fail('MISSING_FIELD', `usd_value is required for ${type} rows (the USD fair market value at the time)`, c.usd_value, '');
      }
      if (!r.ok) return;

      const externalId = r.text(c.tx_id);
      const draft = makeDraft(account, timestamp, type, {
        sent, received, fee, usdValue, feeUsd, toAccount, incomeKind, externalId, note: r.text(c.note),
      });
      sink.event(line, draft, externalId);
    },
    finish() {
      // Rows are independent.
    },
  };
}

/** Transfer: sent includes the fee; received = sent - fee; fee = sent - received when absent. */
function transferAmounts(
  sent: AssetAmount,
  received: AssetAmount | undefined,
  fee: AssetAmount | undefined,
): { received: AssetAmount; fee: AssetAmount | undefined } | string {
  if (received !== undefined && received.asset !== sent.asset) return 'a transfer receives the same asset it sends';
  const sameAssetFee: Decimal | undefined = fee !== undefined && fee.asset === sent.asset ? fee.amount : undefined;
  if (received === undefined) {
    const arrived = sameAssetFee === undefined ? sent.amount : sent.amount.minus(sameAssetFee);
    if (arrived.isNegative()) return 'the fee is larger than the amount sent';
    return { received: { asset: sent.asset, amount: arrived }, fee };
  }
  const difference = sent.amount.minus(received.amount);
  if (difference.isNegative()) return 'received_amount is larger than sent_amount';
  if (fee === undefined) {
    return { received, fee: difference.isZero() ? undefined : { asset: sent.asset, amount: difference } };
  }
  if (sameAssetFee !== undefined && !sameAssetFee.eq(difference)) return 'sent_amount must equal received_amount + fee_amount';
  return { received, fee };
}

export const lotlineGenericFormat: SourceFormat = {
  id: 'lotline-generic-v1',
  label: 'Lotline generic CSV v1',
  family: 'lotline',
  timeZone: 'UTC',
  headerVariants: [{ required: ['date', 'type'], optional: GENERIC_COLUMNS.slice(2) }],
  createRowParser: createGenericParser,
};
