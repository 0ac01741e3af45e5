/**
 * A fast, deterministic, non-cryptographic 128-bit string hash (four 32-bit lanes, Murmur-style mixing over UTF-16
 * code units). Used for event fingerprints: identical input gives identical output on every platform. Pure JS so the
 * library stays free of node:crypto and runs in the browser too.
 */
export interface Hash128 {
  /** 32 lower-case hex characters. */
  readonly hex: string;
  /** First 32 bits (unsigned). */
  readonly hi: number;
  /** Second 32 bits (unsigned); hi + lo identify a key for occurrence counting (64 bits). */
  readonly lo: number;
}

export function hash128(text: string): Hash128 {
  let h1 = 0x9e3779b1 ^ text.length;
  let h2 = 0x85ebca77;
  let h3 = 0xc2b2ae3d;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ h1, 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
    h3 = Math.imul(h3 ^ c, 0x85ebca6b) + h2;
    h3 = (h3 << 17) | (h3 >>> 15);
    h4 = Math.imul(h4 ^ h3, 0xc2b2ae35) + c;
    h4 = (h4 << 11) | (h4 >>> 21);
  }
  h1 = finalMix(h1 ^ h4);
  h2 = finalMix(h2 ^ h1);
  h3 = finalMix(h3 ^ h2);
  h4 = finalMix(h4 ^ h3);
  h1 = finalMix(h1 ^ h4);
  const hex = toHex(h1) + toHex(h2) + toHex(h3) + toHex(h4);
  return { hex, hi: h1 >>> 0, lo: h2 >>> 0 };
}

function finalMix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(value: number): string {
  return (
    (BYTE_HEX[(value >>> 24) & 0xff] as string) +
    (BYTE_HEX[(value >>> 16) & 0xff] as string) +
    (BYTE_HEX[(value >>> 8) & 0xff] as string) +
    (BYTE_HEX[value & 0xff] as string)
  );
}
