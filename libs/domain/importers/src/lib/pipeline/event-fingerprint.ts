import { type AssetAmount, toWire } from '@lotline/ledger';
import { Hash128Builder } from '../normalise/stable-hash';
import type { EventDraft } from '../sources/source-format';

function addAmount(h: Hash128Builder, a: AssetAmount | undefined): void {
  if (a === undefined) h.add('');
  else h.add(a.asset).add(toWire(a.amount));
}

/**
 * Hashes the identity of an event for dedupe: source family + account + type + external id when the source has one,
 * otherwise the normalised fields (timestamp, amounts, accounts, income kind).
 */
export function addEventIdentity(h: Hash128Builder, family: string, draft: EventDraft, externalKey: string | undefined): void {
  if (externalKey !== undefined && externalKey !== '') {
    h.add('x').add(family).add(draft.account).add(draft.type).add(externalKey);
    return;
  }
  h.add('f').add(family).add(draft.account).add(draft.timestamp).add(draft.type);
  addAmount(h, draft.sent);
  addAmount(h, draft.received);
  addAmount(h, draft.fee);
  h.add(draft.toAccount ?? '').add(draft.incomeKind ?? '');
}

/**
 * Counts occurrences of 64-bit keys in an open-addressing table over typed arrays: no per-key objects, so a
 * million-row import adds ~25 MB and no garbage-collector pressure.
 */
class OccurrenceTable {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  /** Occurrences + 1 (0 = empty slot). */
  private counts = new Uint32Array(1 << 12);
  private size = 0;

  /** Records one occurrence; returns how many times the key was seen before. */
  bump(hi: number, lo: number): number {
    if ((this.size + 1) * 2 > this.counts.length) this.grow();
    const mask = this.counts.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const count = this.counts[i] as number;
      if (count === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.counts[i] = 1;
        this.size++;
        return 0;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) {
        this.counts[i] = count + 1;
        return count;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { hi, lo, counts } = this;
    const capacity = counts.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.size = 0;
    for (let j = 0; j < counts.length; j++) {
      const count = counts[j] as number;
      if (count === 0) continue;
      this.bump(hi[j] as number, lo[j] as number);
      this.counts[this.slotOf(hi[j] as number, lo[j] as number)] = count;
    }
  }

  private slotOf(hi: number, lo: number): number {
    const mask = this.counts.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.hi[i] !== hi || this.lo[i] !== lo) i = (i + 1) & mask;
    return i;
  }
}

/**
 * Assigns stable ids: prefix + 128-bit hash of an identity, plus an occurrence number when the same identity repeats
 * in one file (two identical rows stay two events, and a re-import numbers them the same way).
 */
export class FingerprintAssigner {
  private readonly seen = new OccurrenceTable();
  private readonly hasher = new Hash128Builder();

  constructor(private readonly prefix: string) {}

  /** Hashes the parts `build` adds and returns the id. */
  assign(build: (h: Hash128Builder) => void): string {
    const h = this.hasher.reset();
    build(h);
    const first = h.digest();
    const before = this.seen.bump(first.hi, first.lo);
    return before === 0 ? this.prefix + first.hex : this.prefix + h.add(`#${before}`).digest().hex;
  }
}
