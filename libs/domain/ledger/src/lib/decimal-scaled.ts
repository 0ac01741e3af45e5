import { Decimal } from './decimal';

const LOG_BASE = 7;
const WORD = 1e7;
const TWO_WORDS = 10n ** 14n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Base-1e7 words of the integer being converted, least significant first (reused between calls). */
const scratch: number[] = [];

function wordDigits(w: number): number {
  return w < 10 ? 1 : w < 100 ? 2 : w < 1000 ? 3 : w < 10000 ? 4 : w < 100000 ? 5 : w < 1000000 ? 6 : 7;
}

/**
 * Scale a multiple of 7: decimal.js's words are aligned on the decimal point, so they are exactly the base-1e7
 * digits of the integer (without leading and trailing zero words); computed with doubles, no text.
 */
function fromAligned(a: bigint, fractionWords: number, negative: boolean): Decimal {
  scratch.length = 0;
  let rest = a;
  while (rest > SAFE) {
    const q = rest / TWO_WORDS;
    const r = Number(rest - q * TWO_WORDS);
    const low = r % WORD;
    scratch.push(low, (r - low) / WORD);
    rest = q;
  }
  let x = Number(rest);
  while (x > 0) {
    const w = x % WORD;
    scratch.push(w);
    x = (x - w) / WORD;
  }
  const top = scratch.length - 1;
  let bottom = 0;
  while (scratch[bottom] === 0) bottom++;
  const d: number[] = new Array<number>(top - bottom + 1);
  for (let j = 0; j < d.length; j++) d[j] = scratch[top - j];
  const e = LOG_BASE * (top - fractionWords) + wordDigits(scratch[top]) - 1;
  const parts: DecimalParts = { s: negative ? -1 : 1, e, d, toStringTag: '[object Decimal]' };
  return new Decimal(parts as unknown as Decimal);
}

/** The fields decimal.js copies from a Decimal-like value (sign, base-10 exponent, base-1e7 digit words). */
interface DecimalParts {
  readonly s: number;
  readonly e: number;
  readonly d: number[];
  readonly toStringTag: '[object Decimal]';
}

/**
 * The Decimal n x 10^-scale for an integer n: the same value (and the same internal digits) as
 * `new Decimal(text)` for its plain text, built directly from the integer's digits with a tightly sized digit array
 * (like compactDecimal), without parsing text. For hot loops that compute in scaled integers.
 */
export function decimalFromScaled(n: bigint, scale: number): Decimal {
  if (n === 0n) return new Decimal(0);
  const negative = n < 0n;
  if (scale % LOG_BASE === 0) return fromAligned(negative ? -n : n, scale / LOG_BASE, negative);
  let str = (negative ? -n : n).toString();
  // Exponent of the leading digit, then drop trailing zeros.
  const e = str.length - 1 - scale;
  let len = str.length;
  while (str.charCodeAt(len - 1) === 48) len--;
  if (len < str.length) str = str.slice(0, len);
  // Split into base-1e7 words aligned on the exponent, as decimal.js's parser does.
  let i = (e + 1) % LOG_BASE;
  if (e < 0) i += LOG_BASE;
  const words = i < len ? Math.ceil((len - i) / LOG_BASE) + (i > 0 ? 1 : 0) : 1;
  const d: number[] = new Array<number>(words);
  let w = 0;
  if (i < len) {
    if (i) d[w++] = +str.slice(0, i);
    for (len -= LOG_BASE; i < len; ) d[w++] = +str.slice(i, (i += LOG_BASE));
    str = str.slice(i);
    i = LOG_BASE - str.length;
  } else {
    i -= len;
  }
  d[w] = +str * 10 ** i;
  const parts: DecimalParts = { s: negative ? -1 : 1, e, d, toStringTag: '[object Decimal]' };
  return new Decimal(parts as unknown as Decimal);
}
