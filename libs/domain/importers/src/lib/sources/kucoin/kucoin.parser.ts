/**
 * KuCoin spot trade exports:
 *  - current "Spot Orders / Filled" and "Trade History" reports: UID, Account Type, Order ID, Symbol, Side,
 *    Order Type, Avg. Filled Price, Filled Amount, Filled Volume, Filled Volume (USDT), Filled Time(UTC[+08:00]),
 *    Fee, Fee Currency[, Status]. The zone is in the time column's name; KuCoin lets the user choose it.
 *  - legacy trade history: tradeCreatedAt, orderId, symbol, side, price, size, funds, fee, liquidity, feeCurrency,
 *    orderType, with times in UTC+8 (Singapore/Hong Kong time).
 * Symbol is BASE-QUOTE; amount is in the base, volume/funds in the quote.
 */
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

const TIME_COLUMN = /^(?:filled|order) time\s*\((utc(?:[+-]\d{2}:\d{2})?)\)$/;
const LEGACY_ZONE = '+08:00';

function timeColumn(header: HeaderIndex): { col: number; zone: string } | undefined {
  for (const prefer of ['filled time', 'order time']) {
    const col = header.names.findIndex((n) => n.startsWith(prefer) && TIME_COLUMN.test(n));
    if (col >= 0) {
      const zone = (TIME_COLUMN.exec(header.names[col] ?? '')?.[1] ?? 'utc').slice(3);
      return { col, zone: zone === '' ? 'UTC' : zone };
    }
  }
  const legacy = header.indexOf('tradecreatedat');
  return legacy >= 0 ? { col: legacy, zone: LEGACY_ZONE } : undefined;
}

function createKucoinParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const time = timeColumn(header) ?? { col: -1, zone: 'UTC' };
  const c = {
    orderId: r.col('order id', 'orderid'), tradeId: r.col('trade id', 'tradeid'), symbol: r.col('symbol'), side: r.col('side'),
    size: r.col('filled amount', 'size'), funds: r.col('filled volume', 'funds'), fee: r.col('fee'), feeCurrency: r.col('fee currency', 'feecurrency'),
    status: r.col('status'),
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const status = r.text(c.status).toLowerCase();
      const timestamp = r.timestamp(time.col, { zone: time.zone });
      const symbol = r.required(c.symbol, 'Symbol');
      const side = r.required(c.side, 'Side')?.toLowerCase();
      const size = r.magnitude(c.size, true);
      const funds = r.magnitude(c.funds, true);
      const fee = r.magnitude(c.fee);
      const feeAsset = fee === undefined || fee.isZero() ? undefined : r.asset(c.feeCurrency);
      if (!r.ok || timestamp === undefined || symbol === undefined || side === undefined || size === undefined || funds === undefined) return;
      if (size.isZero() && (status === 'cancel' || status === 'canceled' || status === 'cancelled')) return;
      const [baseText, quoteText] = symbol.split('-');
      if (baseText === undefined || quoteText === undefined) {
        r.fail('INVALID_ASSET', `Symbol must look like BASE-QUOTE (e.g. BTC-USDT), not "${symbol}"`, c.symbol);
        return;
      }
      const base = r.asset(c.symbol, true, baseText);
      const quote = r.asset(c.symbol, true, quoteText);
      if (!r.ok || base === undefined || quote === undefined) return;
      if (side !== 'buy' && side !== 'sell') {
        r.fail('UNKNOWN_TYPE', `Side must be buy or sell, not "${r.text(c.side)}"`, c.side);
        return;
      }
      const baseAmount = { asset: base, amount: size };
      const quoteAmount = { asset: quote, amount: funds };
      const sent = side === 'buy' ? quoteAmount : baseAmount;
      const received = side === 'buy' ? baseAmount : quoteAmount;
      const id = r.text(c.tradeId) || r.text(c.orderId);
      sink.event(line, makeDraft(sink.account, timestamp, tradeType(sent, received), {
        sent, received, fee: fee === undefined || feeAsset === undefined ? undefined : { asset: feeAsset, amount: fee },
        usdValue: usdSide(sent, received), externalId: id,
      }), id === '' ? undefined : `${id}|${side}`);
    },
    finish() {
      // Rows are independent.
    },
  };
}

const FILLED_OPTIONAL = [
  'uid', 'account type', 'order id', 'order type', 'order price', 'order amount', 'avg. filled price', 'filled volume (usdt)',
  'status', 'tax', 'maker/taker', 'trade id', 'filled price',
];

export const kucoinFormat: SourceFormat = {
  id: 'kucoin',
  label: 'KuCoin spot trades',
  family: 'kucoin',
  timeZone: 'UTC',
  timeZoneFor: (header) => timeColumn(header)?.zone ?? 'UTC',
  headerVariants: [
    { required: ['symbol', 'side', 'filled amount', 'filled volume', 'fee', 'fee currency', 'filled time(utc)'], optional: [...FILLED_OPTIONAL, 'order time(utc)'] },
    { required: ['symbol', 'side', 'filled amount', 'filled volume', 'fee', 'fee currency', 'filled time(utc+08:00)'], optional: [...FILLED_OPTIONAL, 'order time(utc+08:00)'] },
    { required: ['tradecreatedat', 'orderid', 'symbol', 'side', 'price', 'size', 'funds', 'fee', 'feecurrency'], optional: ['liquidity', 'ordertype', 'tradeid'] },
  ],
  isKnownColumn: (name) => TIME_COLUMN.test(name),
  createRowParser: createKucoinParser,
};
