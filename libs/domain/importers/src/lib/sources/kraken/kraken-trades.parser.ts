/**
 * Kraken "Trades" export: txid, ordertxid, pair, time, type, ordertype, price, cost, fee, vol, margin, misc, ledgers.
 * cost and fee are in the quote currency, vol in the base. Times are UTC without a zone. Margin trades are refused.
 */
import { USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';
import { splitKrakenPair } from './kraken-assets';

function createKrakenTradesParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    txid: r.col('txid'), pair: r.col('pair'), time: r.col('time'), type: r.col('type'), cost: r.col('cost'),
    fee: r.col('fee'), vol: r.col('vol'), margin: r.col('margin'),
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const txid = r.required(c.txid, 'txid');
      const pairText = r.required(c.pair, 'pair');
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const side = r.required(c.type, 'type')?.toLowerCase();
      const cost = r.positive(c.cost, { required: true });
      const vol = r.positive(c.vol, { required: true });
      const fee = r.positive(c.fee, { allowZero: true });
      const margin = r.signed(c.margin);
      if (!r.ok || txid === undefined || pairText === undefined || timestamp === undefined || side === undefined || cost === undefined || vol === undefined) return;
      if (margin !== undefined && !margin.isZero()) {
        r.fail('UNSUPPORTED_TYPE', 'margin trades are not supported', c.margin);
        return;
      }
      const pair = splitKrakenPair(pairText);
      if (pair === undefined) {
        r.fail('INVALID_ASSET', `cannot split the pair "${pairText}" into base and quote`, c.pair);
        return;
      }
      if (side !== 'buy' && side !== 'sell') {
        r.fail('UNKNOWN_TYPE', `type must be buy or sell, not "${side}"`, c.type);
        return;
      }
      const [base, quote] = pair;
      const baseAmount = { asset: base, amount: vol };
      const quoteAmount = { asset: quote, amount: cost };
      const sent = side === 'buy' ? quoteAmount : baseAmount;
      const received = side === 'buy' ? baseAmount : quoteAmount;
      const draft = makeDraft(sink.account, timestamp, tradeType(sent, received), {
        sent, received, fee: fee === undefined ? undefined : { asset: quote, amount: fee },
        usdValue: usdSide(sent, received) ?? (quote === USD ? cost : undefined), externalId: txid,
      });
      sink.event(line, draft, txid);
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const krakenTradesFormat: SourceFormat = {
  id: 'kraken-trades',
  label: 'Kraken trades',
  family: 'kraken',
  timeZone: 'UTC',
  headerVariants: [
    {
      required: ['txid', 'ordertxid', 'pair', 'time', 'type', 'price', 'cost', 'fee', 'vol'],
      optional: ['ordertype', 'margin', 'misc', 'ledgers', 'postxid', 'posstatus', 'cprice', 'ccost', 'cfee', 'cvol', 'cmargin', 'net', 'trades', 'aclass', 'tradeid', 'maker'],
    },
  ],
  createRowParser: createKrakenTradesParser,
};
