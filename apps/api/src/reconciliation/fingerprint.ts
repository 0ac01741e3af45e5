import type { Decimal } from '@lotline/ledger';

/** Four MurmurHash3 (x86, 32-bit) lanes with different seeds: a 128-bit fingerprint. */
const SEEDS = [0x9747b28c, 0x5bd1e995, 0x1b873593, 0x68e31da4] as const;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** decimal.js keeps a value as sign s, exponent e and base-1e7 digit words d (null for NaN and ±Infinity). */
interface DecimalParts {
  readonly s: number;
  readonly e: number;
  readonly d: readonly number[] | null;
}

function mixLane(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalMix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A fast, allocation-free fingerprint of a sequence of values (numbers, strings, booleans, decimals): used to tell
 * whether a stored chunk of results (8949 page, income rows, matches) is the same as the newly computed one without
 * turning every row into text first. 128 bits from four seeded MurmurHash3 lanes: two different chunks share a
 * fingerprint with a probability around 2^-64 or less. Not a cryptographic hash (a client could in principle craft
 * a collision on purpose, and would only leave their own preview's chunk stale; final reports are computed afresh).
 * Every value is typed and length-prefixed, so ["ab", "c"] and ["a", "bc"] differ.
 */
export class Fingerprint {
  private h0: number = SEEDS[0];
  private h1: number = SEEDS[1];
  private h2: number = SEEDS[2];
  private h3: number = SEEDS[3];
  private words = 0;

  private word(k: number): void {
    this.h0 = mixLane(this.h0, k);
    this.h1 = mixLane(this.h1, k ^ 0x5555_5555);
    this.h2 = mixLane(this.h2, Math.imul(k, 0x2545f491));
    this.h3 = mixLane(this.h3, (k << 16) | (k >>> 16));
    this.words++;
  }

  /** An integer (safe range). */
  int(n: number): this {
    this.word(1);
    this.word(n | 0);
    this.word(Math.floor(n / 4294967296) | 0);
    return this;
  }

  bool(b: boolean): this {
    this.word(b ? 3 : 2);
    return this;
  }

  /** A string (or null), two UTF-16 code units per word. */
  str(s: string | null | undefined): this {
    if (s === null || s === undefined) {
      this.word(4);
      return this;
    }
    const n = s.length;
    this.word(5);
    this.word(n);
    let i = 0;
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
    return this;
  }

  strs(list: readonly string[]): this {
    this.word(6);
    this.word(list.length);
    for (const s of list) this.str(s);
    return this;
  }

  /** A decimal by value: sign, exponent and digit words (equal values of decimal.js have the same parts). */
  dec(x: Decimal): this {
    const p = x as unknown as DecimalParts;
    if (p.d === null) return this.str(x.toString());
    const d = p.d;
    this.word(7);
    this.word(p.s);
    this.word(p.e);
    this.word(d.length);
    for (let i = 0; i < d.length; i++) this.word(d[i]);
    return this;
  }

  /** The first 32 bits as a number (e.g. to spread values over buckets). */
  first32(): number {
    return finalMix(this.h0, this.words);
  }

  /** 32 hex digits. */
  digest(): string {
    const hex = (h: number) => finalMix(h, this.words).toString(16).padStart(8, '0');
    return hex(this.h0) + hex(this.h1) + hex(this.h2) + hex(this.h3);
  }
}
