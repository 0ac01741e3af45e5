/**
 * Coinbase Advanced Trade (formerly Coinbase Pro) fills report: portfolio, trade id, product, side, created at, size,
 * size unit, price, fee, total, price/fee/total unit. size is in the base asset, price/fee/total in the quote.
 * Trade ids are unique per product only, so the external id is "<product>:<trade id>". Times are ISO with Z.
 */
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

function createFillsParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    tradeId: r.col('trade id'), product: r.col('product'), side: r.col('side'), time: r.col('created at'), size: r.col('size'),
    sizeUnit: r.col('size unit'), price: r.col('price'), fee: r.col('fee'), unit: r.col('price/fee/total unit'),
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const tradeId = r.required(c.tradeId, 'trade id');
      const product = r.required(c.product, 'product');
      const side = r.required(c.side, 'side')?.toLowerCase();
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const size = r.magnitude(c.size, true);
      const price = r.magnitude(c.price, true);
      const fee = r.magnitude(c.fee);
      if (!r.ok || tradeId === undefined || product === undefined || side === undefined || timestamp === undefined || size === undefined || price === undefined) return;
      const [baseText, quoteText] = product.split('-');
      const base = r.asset(c.sizeUnit, false) ?? r.asset(-1, true, baseText ?? '');
      const quote = r.asset(c.unit, false) ?? r.asset(-1, true, quoteText ?? '');
      if (!r.ok || base === undefined || quote === undefined) return;
      if (side !== 'buy' && side !== 'sell') {
        r.fail('UNKNOWN_TYPE', `side must be BUY or SELL, not "${r.text(c.side)}"`, c.side);
        return;
      }
      const baseAmount = { asset: base, amount: size };
      const quoteAmount = { asset: quote, amount: size.times(price) };
      const sent = side === 'buy' ? quoteAmount : baseAmount;
      const received = side === 'buy' ? baseAmount : quoteAmount;
      const externalId = `${product}:${tradeId}`;
      sink.event(line, makeDraft(sink.account, timestamp, tradeType(sent, received), {
        sent, received, fee: fee === undefined ? undefined : { asset: quote, amount: fee }, usdValue: usdSide(sent, received), externalId,
      }), externalId);
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const coinbaseAdvancedFillsFormat: SourceFormat = {
  id: 'coinbase-advanced-fills',
  label: 'Coinbase Advanced Trade / Pro fills',
  family: 'coinbase-advanced',
  timeZone: 'UTC',
  headerVariants: [
    { required: ['trade id', 'product', 'side', 'created at', 'size', 'price', 'fee', 'total'], optional: ['portfolio', 'size unit', 'price/fee/total unit', 'order id', 'user id'] },
  ],
  createRowParser: createFillsParser,
};
