/**
 * A fast, deterministic, non-cryptographic 128-bit string hash (four 32-bit lanes, Murmur-style mixing over UTF-16
 * code units). Used for fingerprints: identical input gives identical output on every platform. Pure JS so the library
 * stays free of node:crypto and runs in the browser too. The builder hashes several parts without concatenating them.
 */
export interface Hash128 {
  /** 32 lower-case hex characters. */
  readonly hex: string;
  /** First 32 bits (unsigned). */
  readonly hi: number;
  /** Second 32 bits (unsigned); hi + lo identify a key for occurrence counting (64 bits). */
  readonly lo: number;
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

function finalMix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Incremental hasher: `add` parts (each followed by a separator), then `digest` (which leaves the state usable). */
export class Hash128Builder {
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;
  private h4 = 0;
  private length = 0;
  private readonly codes = new Array<number>(32).fill(0);

  constructor() {
    this.reset();
  }

  reset(): this {
    this.h1 = 0x9e3779b1;
    this.h2 = 0x85ebca77;
    this.h3 = 0xc2b2ae3d;
    this.h4 = 0x27d4eb2f;
    this.length = 0;
    return this;
  }

  /** Adds the text followed by a separator (so "ab","c" and "a","bc" differ). */
  add(text: string): this {
    let { h1, h2, h3, h4 } = this;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0x1f;
      h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ h1, 0x1b873593);
      h2 = (h2 << 13) | (h2 >>> 19);
      h3 = Math.imul(h3 ^ c, 0x85ebca6b) + h2;
      h3 = (h3 << 17) | (h3 >>> 15);
      h4 = Math.imul(h4 ^ h3, 0xc2b2ae35) + c;
      h4 = (h4 << 11) | (h4 >>> 21);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
    this.length += text.length + 1;
    return this;
  }

  digest(): Hash128 {
    let h1 = finalMix(this.h1 ^ this.h4 ^ this.length);
    const h2 = finalMix(this.h2 ^ h1);
    const h3 = finalMix(this.h3 ^ h2);
    const h4 = finalMix(this.h4 ^ h3);
    h1 = finalMix(h1 ^ h4);
    const codes = this.codes;
    const lanes = [h1, h2, h3, h4];
    for (let l = 0; l < 4; l++) {
      const v = lanes[l] as number;
      for (let n = 0; n < 8; n++) codes[l * 8 + n] = HEX_CODES[(v >>> (28 - n * 4)) & 0xf] as number;
    }
    return { hex: String.fromCharCode(...codes), hi: h1 >>> 0, lo: h2 >>> 0 };
  }
}

const shared = new Hash128Builder();

export function hash128(text: string): Hash128 {
  return shared.reset().add(text).digest();
}
