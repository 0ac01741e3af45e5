/**
 * Gemini "Transaction history" export: Date, Time (UTC), Type, Symbol, Specification, Liquidity Indicator,
 * Trading Fee Rate (bps), then per asset "<X> Amount <X>", "Fee (<X>) <X>", "<X> Balance <X>" columns, then Trade ID,
 * Order ID, ..., Tx Hash, Deposit/Withdrawal Destination. Amounts look like "0.5 BTC", "(0.5 BTC)", "$1.00", "($1.00)".
 * Types: Buy, Sell, Credit (deposits, interest, rewards), Debit (withdrawals). Times are UTC.
 */
import { type AssetAmount, type IncomeKind, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

const AMOUNT_COLUMN = /^([a-z0-9]+) amount \1$/;
const FEE_COLUMN = /^fee \(([a-z0-9]+)\) \1$/;
const BALANCE_COLUMN = /^([a-z0-9]+) balance \1$/;
const KNOWN_FIXED = [
  'liquidity indicator', 'trading fee rate (bps)', 'trade id', 'order id', 'order date', 'order time', 'client order id',
  'api session', 'tx hash', 'deposit destination', 'deposit tx output', 'withdrawal destination', 'withdrawal tx output',
];

function creditIncome(spec: string): IncomeKind | undefined {
  const s = spec.toLowerCase();
  if (s.includes('interest')) return 'interest';
  if (s.includes('staking')) return 'staking';
  if (s.includes('reward') || s.includes('referral') || s.includes('promo') || s.includes('bonus')) return 'reward';
  if (s.includes('airdrop')) return 'airdrop';
  return undefined;
}

function createGeminiParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    date: r.col('date'), time: r.col('time (utc)'), type: r.col('type'), symbol: r.col('symbol'), spec: r.col('specification'),
    tradeId: r.col('trade id'), txHash: r.col('tx hash'),
  };
  const amounts: { col: number; asset: string }[] = [];
  const fees: { col: number; asset: string }[] = [];
  header.names.forEach((name, col) => {
    const a = AMOUNT_COLUMN.exec(name);
    if (a) amounts.push({ col, asset: (a[1] ?? '').toUpperCase() });
    const f = FEE_COLUMN.exec(name);
    if (f) fees.push({ col, asset: (f[1] ?? '').toUpperCase() });
  });

  return {
    row(fields, line) {
      r.start(fields, line);
      const typeText = r.required(c.type, 'Type');
      const date = r.required(c.date, 'Date');
      const time = r.text(c.time);
      const timestamp = date === undefined ? undefined : r.timestamp(c.date, { zone: 'UTC' }, time === '' ? date : `${date} ${time}`);
      const sent: AssetAmount[] = [];
      const received: AssetAmount[] = [];
      for (const { col, asset } of amounts) {
        const v = r.signed(col);
        if (v === undefined || v.isZero()) continue;
        (v.isNegative() ? sent : received).push({ asset, amount: v.abs() });
      }
      let fee: AssetAmount | undefined;
      for (const { col, asset } of fees) {
        const v = r.signed(col);
        if (v === undefined || v.isZero()) continue;
        if (fee !== undefined) r.fail('INCONSISTENT_ROW', 'more than one fee on a row', col);
        fee = { asset, amount: v.abs() };
      }
      if (!r.ok || typeText === undefined || timestamp === undefined) return;
      if (sent.length > 1 || received.length > 1) {
        r.fail('INCONSISTENT_ROW', 'more than one asset moved in the same direction on one row', c.symbol);
        return;
      }
      const out = sent[0];
      const inn = received[0];
      const typeLower = typeText.toLowerCase();
      // "Credit", "Administrative Credit", "Interest Credit"... and the same for debits.
      const kind = typeLower.endsWith('credit') ? 'credit' : typeLower.endsWith('debit') ? 'debit' : typeLower;
      const spec = r.text(c.spec);
      const tradeId = r.text(c.tradeId);
      const txHash = r.text(c.txHash);
      if (kind === 'buy' || kind === 'sell') {
        if (out === undefined || inn === undefined) {
          r.fail('INCONSISTENT_ROW', `a ${typeText} must move two assets`, c.symbol);
          return;
        }
        const draft = makeDraft(sink.account, timestamp, tradeType(out, inn), { sent: out, received: inn, fee, usdValue: usdSide(out, inn), externalId: tradeId });
        sink.event(line, draft, tradeId);
        return;
      }
      if (kind === 'credit' && inn !== undefined && out === undefined) {
        const incomeKind = creditIncome(`${typeText} ${spec}`);
        const draft = makeDraft(sink.account, timestamp, incomeKind === undefined ? 'deposit' : 'income', {
          received: inn, fee, incomeKind, usdValue: inn.asset === USD ? inn.amount : undefined, externalId: txHash, note: spec,
        });
        sink.event(line, draft, txHash === '' ? undefined : txHash);
        return;
      }
      if (kind === 'debit' && out !== undefined && inn === undefined) {
        const draft = makeDraft(sink.account, timestamp, 'withdrawal', {
          sent: out, fee, usdValue: out.asset === USD ? out.amount : undefined, externalId: txHash, note: spec,
        });
        sink.event(line, draft, txHash === '' ? undefined : txHash);
        return;
      }
      if (kind === 'credit' || kind === 'debit') {
        r.fail('INCONSISTENT_ROW', `a ${typeText} must move exactly one asset ${kind === 'credit' ? 'in' : 'out'}`, c.type);
        return;
      }
      r.fail('UNKNOWN_TYPE', `unknown Gemini type "${typeText}"`, c.type);
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const geminiFormat: SourceFormat = {
  id: 'gemini',
  label: 'Gemini transaction history',
  family: 'gemini',
  timeZone: 'UTC',
  headerVariants: [{ required: ['date', 'time (utc)', 'type', 'symbol', 'specification'], optional: KNOWN_FIXED }],
  isKnownColumn: (name) => AMOUNT_COLUMN.test(name) || FEE_COLUMN.test(name) || BALANCE_COLUMN.test(name),
  createRowParser: createGeminiParser,
};
