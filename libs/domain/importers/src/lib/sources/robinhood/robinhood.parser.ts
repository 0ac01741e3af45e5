/**
 * Robinhood "Account activity report" CSV: Activity Date, Process Date, Settle Date, Instrument, Description,
 * Trans Code, Quantity, Price, Amount. Dates are calendar dates (MM/DD/YYYY or MM/DD/YY) in US Eastern time, read as
 * midnight New York time. Buy/Sell rows of the crypto instrument become buy/sell events; cash movements (ACH, interest,
 * Gold fees...) are not crypto events and are skipped. Amount is signed money, "($1,000.00)" for outflows.
 */
import { USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';

const ZONE = 'America/New_York';
const CASH_CODES = new Set(['ach', 'int', 'gold', 'gdbp', 'slip', 'dfee', 'misc', 'rtp', 'dtax', 'gmpc', 'futswp', 'fpsp', 'oexp', 'cdiv', 'mdiv', 'dcf', 'xent', 'jnls', 'wdrl', 'dep']);

function createRobinhoodParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    date: r.col('activity date'), instrument: r.col('instrument'), description: r.col('description'), code: r.col('trans code'),
    quantity: r.col('quantity'), price: r.col('price'), amount: r.col('amount'),
  };
  return {
    row(fields, line) {
      r.start(fields, line);
      const code = r.required(c.code, 'Trans Code')?.toLowerCase();
      if (code !== undefined && CASH_CODES.has(code)) return;
      const timestamp = r.timestamp(c.date, { zone: ZONE });
      const asset = r.asset(c.instrument);
      const quantity = r.magnitude(c.quantity, true);
      const price = r.magnitude(c.price);
      const amount = r.magnitude(c.amount);
      if (!r.ok || code === undefined || timestamp === undefined || asset === undefined || quantity === undefined) return;
      const usd = amount ?? price?.times(quantity);
      if (usd === undefined) {
        r.fail('MISSING_FIELD', 'Amount (or Price) is needed to value the trade', c.amount, '');
        return;
      }
      const coins = { asset, amount: quantity };
      const money = { asset: USD, amount: usd };
      const note = r.text(c.description);
      if (code === 'buy') sink.event(line, makeDraft(sink.account, timestamp, 'buy', { sent: money, received: coins, usdValue: usd, note }));
      else if (code === 'sell') sink.event(line, makeDraft(sink.account, timestamp, 'sell', { sent: coins, received: money, usdValue: usd, note }));
      else r.fail('UNKNOWN_TYPE', `unknown Robinhood Trans Code "${r.text(c.code)}"`, c.code);
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const robinhoodFormat: SourceFormat = {
  id: 'robinhood',
  label: 'Robinhood account activity (crypto)',
  family: 'robinhood',
  timeZone: ZONE,
  headerVariants: [
    { required: ['activity date', 'instrument', 'description', 'trans code', 'quantity', 'price', 'amount'], optional: ['process date', 'settle date'] },
  ],
  createRowParser: createRobinhoodParser,
};
