import { Decimal } from './decimal';

const LOG_BASE = 7;

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
