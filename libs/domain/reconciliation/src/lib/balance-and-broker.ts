import { ZERO, type Decimal, type LedgerEvent } from '@lotline/ledger';
import type { Form1099DaLine } from '@lotline/importers';
import type { BrokerLine } from '@lotline/tax-engine';
import { cryptoLeg } from './event-values';
import { instantMs, localDate } from './time';
import type { ReconcileSettings, ReportedBalance } from './types';
import type { WarningDraft } from './warning-catalogue';

/** Balance changes of one event per (account, asset), mirroring the tax engine's running balances. */
export function balanceDeltas(e: LedgerEvent): { account: string; asset: string; delta: Decimal }[] {
  const out: { account: string; asset: string; delta: Decimal }[] = [];
  const fee = cryptoLeg(e.fee);
  if (e.type === 'transfer' && e.toAccount !== undefined && e.toAccount !== e.account) {
    const leg = cryptoLeg(e.sent) ?? cryptoLeg(e.received);
    if (leg === undefined) return out;
    const sameFee = fee !== undefined && fee.asset === leg.asset ? fee.amount : undefined;
    const sent = e.sent?.asset === leg.asset ? e.sent.amount : leg.amount;
    const moved = e.received?.asset === leg.asset ? e.received.amount : sameFee !== undefined ? sent.minus(sameFee) : sent;
    const feeQty = sameFee ?? (sent.gt(moved) ? sent.minus(moved) : ZERO);
    out.push({ account: e.account, asset: leg.asset, delta: moved.plus(feeQty).neg() }, { account: e.toAccount, asset: leg.asset, delta: moved });
    if (fee !== undefined && fee.asset !== leg.asset) out.push({ account: e.account, asset: fee.asset, delta: fee.amount.neg() });
    return out;
  }
  const sent = e.type === 'fee' ? undefined : cryptoLeg(e.sent);
  const received = cryptoLeg(e.received);
  if (sent !== undefined) out.push({ account: e.account, asset: sent.asset, delta: sent.amount.neg() });
  if (received !== undefined) out.push({ account: e.account, asset: received.asset, delta: received.amount });
  const feeLeg = e.type === 'fee' ? (fee ?? cryptoLeg(e.sent)) : fee;
  if (feeLeg !== undefined) out.push({ account: e.account, asset: feeLeg.asset, delta: feeLeg.amount.neg() });
  return out;
}

/**
 * Compares each exchange-reported balance with the running balance computed from the ledger up to and including
 * its instant (one sweep over the time-sorted events). Non-blocking.
 */
export function detectBalanceMismatches(events: readonly LedgerEvent[], order: ArrayLike<number>, ms: Float64Array, reported: readonly ReportedBalance[], s: ReconcileSettings): WarningDraft[] {
  if (reported.length === 0) return [];
  const wanted = new Set(reported.map((r) => `${r.account}|${r.asset}`));
  const sorted = [...reported].map((r) => ({ r, ms: instantMs(r.at) })).filter((x) => !Number.isNaN(x.ms)).sort((a, b) => a.ms - b.ms);
  const balance = new Map<string, Decimal>();
  const drafts: WarningDraft[] = [];
  let k = 0;
  for (const { r, ms: at } of sorted) {
    for (; k < order.length && ms[order[k]] <= at; k++) {
      for (const d of balanceDeltas(events[order[k]])) {
        const key = `${d.account}|${d.asset}`;
        if (wanted.has(key)) balance.set(key, (balance.get(key) ?? ZERO).plus(d.delta));
      }
    }
    const computed = balance.get(`${r.account}|${r.asset}`) ?? ZERO;
    if (computed.minus(r.quantity).abs().lte(s.balanceTolerance)) continue;
    drafts.push({
      kind: 'balance-mismatch',
      eventIds: [],
      subject: `${r.account}/${r.asset}/${r.at}`,
      account: r.account,
      asset: r.asset,
      at: r.at,
      message: `${r.account} reports ${r.quantity.toFixed()} ${r.asset} on ${localDate(r.at, s.timeZone)}${r.source ? ` (${r.source})` : ''} but the imported transactions add up to ${computed.toFixed()} (difference ${r.quantity.minus(computed).toFixed()}). A transaction may be missing.`,
    });
  }
  return drafts;
}

export interface BrokerMatching {
  readonly brokerLines: readonly BrokerLine[];
  readonly drafts: readonly WarningDraft[];
}

const DISPOSALS = new Set(['sell', 'trade', 'spend']);

/**
 * Matches 1099-DA lines to disposal events: same asset (box 1a code, else box 1b name), same date (client zone),
 * same units first, else any disposal of that asset that day (units differ -> warning). Matched lines become
 * engine broker lines (the engine compares proceeds and basis); lines without a disposal raise a warning.
 */
export function matchForm1099Da(events: readonly LedgerEvent[], lines: readonly Form1099DaLine[], s: ReconcileSettings): BrokerMatching {
  if (lines.length === 0) return { brokerLines: [], drafts: [] };
  const byKey = new Map<string, LedgerEvent[]>();
  for (const e of events) {
    const leg = DISPOSALS.has(e.type) ? cryptoLeg(e.sent) : undefined;
    if (leg === undefined) continue;
    const key = `${leg.asset}|${localDate(e.timestamp, s.timeZone)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  const used = new Set<string>();
  const brokerLines: BrokerLine[] = [];
  const drafts: WarningDraft[] = [];
  for (const line of [...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const asset = (line.assetCode ?? line.assetName).trim().toUpperCase();
    const candidates = (byKey.get(`${asset}|${line.dateDisposed}`) ?? []).filter((e) => !used.has(e.id));
    const exact = candidates.find((e) => e.sent?.amount.eq(line.units));
    const event = exact ?? candidates[0];
    if (event === undefined) {
      drafts.push({
        kind: 'form-1099-da-mismatch',
        eventIds: [],
        subject: line.id,
        account: null,
        asset,
        at: `${line.dateDisposed}T12:00:00.000Z`,
        message: `${line.brokerName} reports a sale of ${line.units.toFixed()} ${asset} on ${line.dateDisposed} for ${line.proceeds.toFixed()} USD on Form 1099-DA, but no such disposal is in the imported data.`,
      });
      continue;
    }
    used.add(event.id);
    brokerLines.push({
      eventId: event.id,
      form: '1099-DA',
      basisReported: line.basisReportedToIrs,
      proceeds: line.proceeds,
      ...(line.costBasis === undefined ? {} : { costBasis: line.costBasis }),
    });
    if (exact === undefined) {
      drafts.push({
        kind: 'form-1099-da-mismatch',
        eventIds: [event.id],
        subject: line.id,
        account: event.account,
        asset,
        at: event.timestamp,
        message: `${line.brokerName} reports ${line.units.toFixed()} ${asset} sold on ${line.dateDisposed}; the ledger's disposal that day is ${event.sent?.amount.toFixed() ?? '?'} ${asset}.`,
      });
    }
  }
  return { brokerLines, drafts };
}
