/**
 * Bitstamp transactions export, both layouts:
 *  - legacy: Type, Datetime, Account, Amount, Value, Rate, Fee, Sub Type, with values like "0.50000000 BTC" and
 *    datetimes like "Jan. 01, 2021, 12:00 PM" (UTC);
 *  - 2023+: ID, Account, Object, Datetime, Amount, Amount currency, Value, Value currency, Rate, Rate currency,
 *    Order ID, Order type, Subtype, Fee, Fee currency, with ISO datetimes.
 * Market rows are trades (Sub Type Buy/Sell); deposits, withdrawals and staking rewards move one asset.
 */
import { type AssetAmount, type Decimal, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

/** "0.5 BTC" -> parts; plain numbers take the asset from a currency column. */
const WITH_ASSET = /^\s*([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s+([A-Za-z0-9]+)\s*$/;

function createBitstampParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    id: r.col('id'), type: r.col('object', 'type'), time: r.col('datetime'), amount: r.col('amount'), amountCurrency: r.col('amount currency'),
    value: r.col('value'), valueCurrency: r.col('value currency'), fee: r.col('fee'), feeCurrency: r.col('fee currency'),
    subtype: r.col('subtype', 'sub type'),
  };
  const amountWithAsset = (col: number, currencyCol: number, required: boolean): AssetAmount | undefined => {
    const raw = r.text(col);
    if (raw === '') {
      if (required) r.fail('MISSING_FIELD', `${r.columnName(col) ?? 'amount'} is required`, col, '');
      return undefined;
    }
    const m = WITH_ASSET.exec(raw);
    const amount: Decimal | undefined = r.magnitude(col, true, m ? m[1] : raw);
    const asset = m ? r.asset(col, true, m[2] ?? '') : r.asset(currencyCol, true);
    return amount === undefined || asset === undefined ? undefined : { asset, amount };
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const typeText = r.required(c.type, 'Type')?.toLowerCase();
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const amount = amountWithAsset(c.amount, c.amountCurrency, true);
      const fee = amountWithAsset(c.fee, c.feeCurrency, false);
      if (!r.ok || typeText === undefined || timestamp === undefined || amount === undefined) return;
      const id = r.text(c.id);
      const feePart = fee === undefined || fee.amount.isZero() ? undefined : fee;
      const emit = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): void =>
        sink.event(line, makeDraft(sink.account, timestamp, type, { fee: feePart, externalId: id, ...parts }), id === '' ? undefined : id);
      switch (typeText) {
        case 'market': {
          const value = amountWithAsset(c.value, c.valueCurrency, true);
          const side = r.text(c.subtype).toLowerCase();
          if (!r.ok || value === undefined) return;
          if (side !== 'buy' && side !== 'sell') {
            r.fail('UNKNOWN_TYPE', `a Market row needs Sub Type Buy or Sell, not "${r.text(c.subtype)}"`, c.subtype);
            return;
          }
          const sent = side === 'buy' ? value : amount;
          const received = side === 'buy' ? amount : value;
          emit(tradeType(sent, received), { sent, received, usdValue: usdSide(sent, received) });
          return;
        }
        case 'deposit':
          emit('deposit', { received: amount, usdValue: amount.asset === USD ? amount.amount : undefined });
          return;
        case 'withdrawal':
          emit('withdrawal', { sent: amount, usdValue: amount.asset === USD ? amount.amount : undefined });
          return;
        case 'staking reward':
        case 'staking':
          emit('income', { received: amount, incomeKind: 'staking' });
          return;
        case 'referral reward':
        case 'reward':
          emit('income', { received: amount, incomeKind: 'reward' });
          return;
        case 'sub account transfer':
        case 'staking - stake':
        case 'staking - unstake':
          return;
        default:
          r.fail('UNKNOWN_TYPE', `unknown Bitstamp type "${r.text(c.type)}"`, c.type);
      }
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const bitstampFormat: SourceFormat = {
  id: 'bitstamp',
  label: 'Bitstamp transactions',
  family: 'bitstamp',
  timeZone: 'UTC',
  headerVariants: [
    { required: ['type', 'datetime', 'account', 'amount', 'value', 'rate', 'fee', 'sub type'] },
    {
      required: ['id', 'account', 'object', 'datetime', 'amount', 'amount currency', 'value', 'value currency', 'subtype', 'fee', 'fee currency'],
      optional: ['rate', 'rate currency', 'order id', 'order type'],
    },
  ],
  createRowParser: createBitstampParser,
};
