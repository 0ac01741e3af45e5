/**
 * Kraken "Ledgers" export (History > Export > Ledgers): txid, refid, time, type, subtype, aclass, asset, [wallet],
 * amount, fee, balance. Times are UTC without a zone. A trade is two rows sharing a refid (one negative, one positive);
 * rows without a txid are unconfirmed duplicates and are skipped, as Kraken documents.
 */
import { type AssetAmount, type Decimal, USD, ZERO } from '@lotline/ledger';
import { FieldReader } from '../field-reader';
import { type HeaderIndex, makeDraft, type RowParser, type RowSink, type SourceFormat } from '../source-format';
import { tradeType, usdSide } from '../shared/event-shapes';
import { krakenAsset } from './kraken-assets';

interface Leg {
  readonly line: number;
  readonly timestamp: string;
  readonly asset: string;
  readonly amount: Decimal;
  readonly fee: Decimal;
  readonly txid: string;
}

const PAIRED = new Set(['trade', 'spend', 'receive']);
const INTERNAL_TRANSFER_SUBTYPES = new Set(['spottostaking', 'stakingfromspot', 'stakingtospot', 'spotfromstaking', 'spotfromfutures', 'spottofutures', 'stakingtoparachain', 'parachaintostaking']);
const INTERNAL_EARN_SUBTYPES = new Set(['allocation', 'deallocation', 'migration', 'autoallocation']);
const UNSUPPORTED = new Set(['margin', 'rollover', 'settled', 'sale', 'conversion', 'nfttrade', 'nftcreatorfee', 'nftrebate']);

function createKrakenLedgersParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = {
    txid: r.col('txid'), refid: r.col('refid'), time: r.col('time'), type: r.col('type'), subtype: r.col('subtype'),
    asset: r.col('asset'), amount: r.col('amount'), fee: r.col('fee'),
  };
  const open = new Map<string, Leg[]>();

  const emitPair = (refid: string, legs: readonly Leg[]): void => {
    const out = legs.filter((l) => l.amount.isNegative());
    const inn = legs.filter((l) => !l.amount.isNegative());
    const first = legs[0] as Leg;
    if (out.length !== 1 || inn.length !== 1) {
      sink.issue(first.line, 'UNMATCHED_LEG', `trade ${refid} does not have exactly one outgoing and one incoming row`, header.raw[c.refid], refid);
      return;
    }
    const o = out[0] as Leg;
    const i = inn[0] as Leg;
    const sent: AssetAmount = { asset: o.asset, amount: o.amount.abs() };
    const received: AssetAmount = { asset: i.asset, amount: i.amount };
    let fee: AssetAmount | undefined;
    if (!o.fee.isZero() && !i.fee.isZero()) {
      sink.issue(i.line, 'INCONSISTENT_ROW', `trade ${refid} charges fees on both legs; Lotline records one fee per event`, header.raw[c.fee], i.fee.toFixed());
      return;
    }
    if (!o.fee.isZero()) fee = { asset: o.asset, amount: o.fee };
    else if (!i.fee.isZero()) fee = { asset: i.asset, amount: i.fee };
    const draft = makeDraft(sink.account, o.timestamp < i.timestamp ? o.timestamp : i.timestamp, tradeType(sent, received), {
      sent, received, fee, usdValue: usdSide(sent, received), externalId: refid, note: `Kraken ${o.txid} / ${i.txid}`,
    });
    sink.event(Math.min(o.line, i.line), draft, refid);
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const txid = r.text(c.txid);
      if (txid === '') return;
      const refid = r.text(c.refid);
      const typeText = r.required(c.type, 'type')?.toLowerCase();
      const subtype = r.text(c.subtype).toLowerCase();
      const timestamp = r.timestamp(c.time, { zone: 'UTC' });
      const assetCode = r.required(c.asset, 'asset');
      const amount = r.signed(c.amount, true);
      const fee = r.magnitude(c.fee) ?? ZERO;
      if (!r.ok || typeText === undefined || timestamp === undefined || assetCode === undefined || amount === undefined || fee === undefined) return;
      const asset = krakenAsset(assetCode);
      const moved: AssetAmount = { asset, amount: amount.abs() };
      const feeAmount = fee.isZero() ? undefined : { asset, amount: fee };
      const usd = asset === USD ? moved.amount : undefined;
      const emit = (type: Parameters<typeof makeDraft>[2], parts: Parameters<typeof makeDraft>[3]): void =>
        sink.event(line, makeDraft(sink.account, timestamp, type, { externalId: txid, usdValue: usd, ...parts }), txid);

      if (PAIRED.has(typeText)) {
        const legs = open.get(refid) ?? [];
        legs.push({ line, timestamp, asset, amount, fee, txid });
        if (legs.length === 2) {
          open.delete(refid);
          emitPair(refid, legs);
        } else open.set(refid, legs);
        return;
      }
      if (UNSUPPORTED.has(typeText)) {
        r.fail('UNSUPPORTED_TYPE', `Kraken "${typeText}" entries (margin/futures/NFT) are not supported`, c.type);
        return;
      }
      const inflow = !amount.isNegative();
      switch (typeText) {
        case 'deposit':
          if (inflow) emit('deposit', { received: moved, fee: feeAmount });
          else emit('withdrawal', { sent: moved, fee: feeAmount, note: 'Kraken deposit reversal' });
          return;
        case 'withdrawal':
          if (inflow) emit('deposit', { received: moved, fee: feeAmount, note: 'Kraken withdrawal reversal' });
          else emit('withdrawal', { sent: moved, fee: feeAmount });
          return;
        case 'staking':
        case 'dividend':
        case 'reward':
          if (inflow) emit('income', { received: moved, fee: feeAmount, incomeKind: typeText === 'staking' ? 'staking' : 'reward' });
          else r.fail('UNSUPPORTED_TYPE', `a negative Kraken "${typeText}" entry is not supported`, c.amount);
          return;
        case 'earn':
          if (INTERNAL_EARN_SUBTYPES.has(subtype)) return;
          if (subtype === 'reward' && inflow) emit('income', { received: moved, fee: feeAmount, incomeKind: 'staking' });
          else r.fail('UNKNOWN_TYPE', `unknown Kraken earn subtype "${subtype}"`, c.subtype);
          return;
        case 'transfer':
          if (INTERNAL_TRANSFER_SUBTYPES.has(subtype)) return;
          if (inflow) emit('deposit', { received: moved, fee: feeAmount, note: 'Kraken transfer credit (airdrop, fork or migration?)' });
          else emit('withdrawal', { sent: moved, fee: feeAmount, note: 'Kraken transfer debit' });
          return;
        case 'adjustment':
        case 'invite bonus':
        case 'credit':
          if (inflow) emit(typeText === 'adjustment' ? 'deposit' : 'income', { received: moved, fee: feeAmount, ...(typeText === 'adjustment' ? { note: 'Kraken adjustment' } : { incomeKind: 'reward' }) });
          else emit('withdrawal', { sent: moved, fee: feeAmount, note: `Kraken ${typeText}` });
          return;
        default:
          r.fail('UNKNOWN_TYPE', `unknown Kraken ledger type "${typeText}"`, c.type);
      }
    },
    finish() {
      for (const [refid, legs] of open) {
        const leg = legs[0] as Leg;
        sink.issue(leg.line, 'UNMATCHED_LEG', `trade ${refid} has only one row in this file; export the full period`, header.raw[c.refid], refid);
      }
      open.clear();
    },
  };
}

export const krakenLedgersFormat: SourceFormat = {
  id: 'kraken-ledgers',
  label: 'Kraken ledgers',
  family: 'kraken',
  timeZone: 'UTC',
  headerVariants: [
    { required: ['txid', 'refid', 'time', 'type', 'asset', 'amount', 'fee'], optional: ['subtype', 'aclass', 'subclass', 'wallet', 'balance', 'amountusd'] },
  ],
  createRowParser: createKrakenLedgersParser,
};
