import { type AssetAmount, toWire } from '@lotline/ledger';
import { hash128 } from '../normalise/stable-hash';
import type { EventDraft } from '../sources/source-format';

function amountKey(a: AssetAmount | undefined): string {
  return a === undefined ? '' : `${a.asset}:${toWire(a.amount)}`;
}

/**
 * The identity of an event for dedupe: source family + account + external id when the source has one, otherwise the
 * normalised fields. Two identical rows in one file stay distinct through the occurrence number the caller appends.
 */
export function fingerprintKey(family: string, draft: EventDraft, externalKey: string | undefined): string {
  if (externalKey !== undefined && externalKey !== '') {
    return `x|${family}|${draft.account}|${draft.type}|${externalKey}`;
  }
  return `f|${family}|${draft.account}|${draft.timestamp}|${draft.type}|${amountKey(draft.sent)}|${amountKey(draft.received)}|${amountKey(draft.fee)}|${draft.toAccount ?? ''}|${draft.incomeKind ?? ''}`;
}

/**
 * Assigns stable ids: prefix + 128-bit hash of the key, plus an occurrence number when the same key repeats in one
 * file (two identical rows stay two events, and a re-import numbers them the same way).
 */
export class FingerprintAssigner {
  /** Occurrences per 52-bit key prefix: numbers, not id strings, to keep 1M-row imports small. */
  private readonly seen = new Map<number, number>();

  constructor(private readonly prefix: string) {}

  assign(key: string): string {
    const h = hash128(key);
    const count = this.seen.get(h.key);
    if (count === undefined) {
      this.seen.set(h.key, 1);
      return this.prefix + h.hex;
    }
    this.seen.set(h.key, count + 1);
    return this.prefix + hash128(`${key}#${count}`).hex;
  }
}
