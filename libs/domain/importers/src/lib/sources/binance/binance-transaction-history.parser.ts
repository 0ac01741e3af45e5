/**
 * Binance (binance.com) "Transaction History" export: User_ID, UTC_Time, Account, Operation, Coin, Change, Remark.
 * Each balance change is its own row; a trade is several rows with the same UTC_Time and account (the spend, the
 * receipt, the fee), so consecutive trade rows with the same time are grouped into one trade event.
 */
import { type AssetAmount, type Decimal, type IncomeKind, USD } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';

const TRADE_OPS = new Set([
  'buy', 'sell', 'transaction related', 'transaction buy', 'transaction spend', 'transaction revenue', 'transaction sold',
  'small assets exchange bnb', 'binance convert', 'large otc trading', 'trade', 'buy crypto',
]);
const FEE_OPS = new Set(['fee', 'transaction fee']);
const INTERNAL = ['subscription', 'redemption', 'purchase', 'transfer between', 'account transfer', 'savings principal', 'transfer_in', 'transfer_out', 'to pool', 'from pool'];

function incomeKindOf(op: string): IncomeKind | undefined {
  if (op.includes('interest')) return 'interest';
  if (op.includes('staking')) return 'staking';
  if (op.includes('airdrop') || op === 'distribution') return 'airdrop';
  if (op.includes('commission') || op.includes('reward') || op.includes('cashback') || op.includes('rebate') || op.includes('voucher') || op.includes('crypto box') || op.includes('bonus')) return 'reward';
  return undefined;
}

interface TradeRow {
  readonly line: number;
  readonly asset: string;
  readonly change: Decimal;
  readonly fee: boolean;
}

function createBinanceParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = { time: r.col('utc_time'), account: r.col('account'), op: r.col('operation'), coin: r.col('coin'), change: r.col('change'), remark: r.col('remark') };
  let group: TradeRow[] = [];
  let groupKey = '';
  let groupTime = '';

  const flush = (): void => {
    if (group.length === 0) return;
    const rows = group;
    group = [];
    const first = rows[0] as TradeRow;
    const net = new Map<string, Decimal>();
    const fees = new Map<string, Decimal>();
    for (const row of rows) {
      const into = row.fee ? fees : net;
      into.set(row.asset, (into.get(row.asset) ?? row.change.minus(row.change)).plus(row.change));
    }
    const out = [...net].filter(([, v]) => v.isNegative());
    const inn = [...net].filter(([, v]) => v.isPositive() && !v.isZero());
    if (out.length !== 1 || inn.length !== 1 || fees.size > 1) {
      sink.issue(first.line, 'UNMATCHED_LEG', `the trade rows at ${groupTime} do not net to one asset out and one in${fees.size > 1 ? ' with one fee asset' : ''}`, header.raw[c.op]);
      return;
    }
    const [outAsset, outAmount] = out[0] as [string, Decimal];
    const [inAsset, inAmount] = inn[0] as [string, Decimal];
    const sent: AssetAmount = { asset: outAsset, amount: outAmount.abs() };
    const received: AssetAmount = { asset: inAsset, amount: inAmount };
    const feeEntry = [...fees][0];
    const fee = feeEntry === undefined ? undefined : { asset: feeEntry[0], amount: feeEntry[1].abs() };
    sink.event(first.line, makeDraft(sink.account, groupTime, tradeType(sent, received), { sent, received, fee, usdValue: usdSide(sent, received) }));
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const opText = r.required(c.op, 'Operation');
      const asset = r.asset(c.coin);
      const change = r.signed(c.change, true);
      if (!r.ok || timestamp === undefined || opText === undefined || asset === undefined || change === undefined) return;
      const op = opText.toLowerCase();
      const key = `${timestamp}|${r.text(c.account)}`;
      if (TRADE_OPS.has(op) || FEE_OPS.has(op)) {
        if (key !== groupKey) flush();
        groupKey = key;
        groupTime = timestamp;
        if (!change.isZero()) group.push({ line, asset, change, fee: FEE_OPS.has(op) });
        return;
      }
      flush();
      groupKey = '';
      if (change.isZero()) return;
      const moved = { asset, amount: change.abs() };
      const note = r.text(c.remark);
      const usdValue = asset === USD ? moved.amount : undefined;
      const emit = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): void =>
        sink.event(line, makeDraft(sink.account, timestamp, type, { note, usdValue, ...parts }));
      if (op === 'deposit' || op === 'fiat deposit') {
        emit('deposit', { received: moved });
        return;
      }
      if (op === 'withdraw' || op === 'withdrawal' || op === 'fiat withdraw' || op === 'fiat withdrawal') {
        emit('withdrawal', { sent: moved });
        return;
      }
      if (INTERNAL.some((k) => op.includes(k))) return;
      const incomeKind = incomeKindOf(op);
      if (incomeKind !== undefined && change.isPositive()) {
        emit('income', { received: moved, incomeKind });
        return;
      }
      r.fail('UNKNOWN_TYPE', `unknown Binance operation "${opText}"`, c.op);
    },
    finish() {
      flush();
    },
  };
}

export const binanceFormat: SourceFormat = {
  id: 'binance',
  label: 'Binance transaction history',
  family: 'binance',
  timeZone: 'UTC',
  headerVariants: [{ required: ['utc_time', 'account', 'operation', 'coin', 'change'], optional: ['user_id', 'remark'] }],
  createRowParser: createBinanceParser,
};
