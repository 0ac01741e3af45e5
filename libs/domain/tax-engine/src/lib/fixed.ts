import { ZERO, decimalFromScaled, type Decimal } from '@lotline/ledger';

/**
 * Exact scaled-integer arithmetic for the engine's hot path. Inside one computation every crypto quantity is a
 * bigint count of 10^-qScale units and every USD amount a bigint count of 10^-mScale dollars (the scales are the
 * largest number of decimals in the input, at least 20 for money: proportional shares have 20). The functions below
 * reproduce the Decimal (decimal.js, 60 significant digits, half even) results exactly, including its rounding of
 * results beyond 60 significant digits, so the output is the same, digit for digit, as with Decimal arithmetic.
 * Values become Decimal again only where they reach the output.
 */

const POW: bigint[] = [];
for (let i = 0, p = 1n; i <= 160; i++, p *= 10n) POW.push(p);

export function pow10(n: number): bigint {
  return n < POW.length ? POW[n] : 10n ** BigInt(n);
}

const LIMIT = POW[60];
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NUMBER_POW: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) NUMBER_POW.push(p);
const ZEROS: string[] = [];
for (let i = 0; i <= 15; i++) ZEROS.push('0'.repeat(i));
const TWO_WORDS = POW[14];

/** Number of decimal digits of a > 0. */
export function digitCount(a: bigint): number {
  if (a < POW[18]) {
    let d = 1;
    while (d < 18 && a >= POW[d]) d++;
    return d;
  }
  if (a >= POW[POW.length - 1]) return a.toString().length;
  let lo = 18;
  let hi = POW.length - 1;
  // invariant: POW[lo] <= a < POW[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (a >= POW[mid]) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

/** a / 10^drop rounded half even (a >= 0, drop >= 1); sticky: the true value is slightly above a. */
function roundDrop(a: bigint, drop: number, sticky: boolean): bigint {
  const p = pow10(drop);
  const q = a / p;
  const r = a - q * p;
  const half = p >> 1n;
  if (r > half || (r === half && (sticky || (q & 1n) === 1n))) return q + 1n;
  return q;
}

/** A scaled result as decimal.js keeps it: rounded to 60 significant digits (half even). */
export function fit(n: bigint): bigint {
  if (n < LIMIT && n > -LIMIT) return n;
  const neg = n < 0n;
  const a = neg ? -n : n;
  const drop = digitCount(a) - 60;
  const v = roundDrop(a, drop, false) * pow10(drop);
  return neg ? -v : v;
}

/** Exact quotient n / d (n >= 0, d > 0) rounded to 60 significant digits half even: coef x 10^exp, coef < 10^60. */
export interface Quotient {
  readonly coef: bigint;
  readonly exp: number;
}

const ZERO_QUOTIENT: Quotient = { coef: 0n, exp: 0 };

export function quotient60(n: bigint, d: bigint): Quotient {
  if (n === 0n) return ZERO_QUOTIENT;
  const k = 61 + digitCount(d) - digitCount(n);
  const num = k >= 0 ? n * pow10(k) : n;
  const den = k >= 0 ? d : d * pow10(-k);
  const q = num / den;
  const rem = num - q * den;
  const drop = digitCount(q) - 60;
  let coef = roundDrop(q, drop, rem !== 0n);
  let exp = drop - k;
  if (coef === LIMIT) {
    coef = POW[59];
    exp += 1;
  }
  return { coef, exp };
}

/** Orders two quotients of the same sign-free kind (coef normalised to 60 digits or zero). */
export function compareQuotients(a: Quotient, b: Quotient): number {
  if (a.coef === 0n || b.coef === 0n) return a.coef === b.coef ? 0 : a.coef === 0n ? -1 : 1;
  const ea = a.exp + digitCount(a.coef);
  const eb = b.exp + digitCount(b.coef);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const sa = a.coef * pow10(60 - digitCount(a.coef));
  const sb = b.coef * pow10(60 - digitCount(b.coef));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Decimal places kept by proportional shares (see lot-picker SHARE_DECIMALS). */
const SHARE_DP = 20;
const FAST_LIMIT = POW[30];

/**
 * total x part / whole rounded to 20 decimals half even, as `total.times(part).div(whole).toDecimalPlaces(20)`:
 * total in money units (mScale), part and whole in quantity units (qScale), result in money units.
 */
export function shareScaled(total: bigint, part: bigint, whole: bigint, mScale: number): bigint {
  const prod = fit(total * part); // value x 10^(mScale + qScale)
  if (prod === 0n) return 0n;
  const neg = prod < 0n !== whole < 0n;
  const n = prod < 0n ? -prod : prod;
  const w = whole < 0n ? -whole : whole;
  // Fast path: the result at 20 decimals is q = n / (w x 10^(mScale - 20)) rounded once. Decimal rounds first to 60
  // significant digits, i.e. k = 60 - digits(q) >= 30 digits below the 20th decimal when q < 10^30; that can only
  // change the final rounding if the remainder fraction is within 10^-k / 2 of one half but not exactly one half,
  // impossible when the divisor is below 10^30 (the fraction is a multiple of 1 / divisor).
  const div = mScale === SHARE_DP ? w : w * pow10(mScale - SHARE_DP);
  if (div < FAST_LIMIT) {
    let q = n / div;
    if (q < FAST_LIMIT) {
      const twice = (n - q * div) << 1n;
      if (twice > div || (twice === div && (q & 1n) === 1n)) q += 1n;
      const v = mScale === SHARE_DP ? q : q * pow10(mScale - SHARE_DP);
      return neg ? -v : v;
    }
  }
  const { coef, exp } = quotient60(n, w * pow10(mScale));
  const r20 = exp >= -SHARE_DP ? coef * pow10(exp + SHARE_DP) : roundDrop(coef, -SHARE_DP - exp, false);
  const v = r20 * pow10(mScale - SHARE_DP);
  return neg ? -v : v;
}

/** Decimal value as a count of 10^-scale units; throws if it has more decimals (a scale was chosen too small). */
export function toScaled(value: Decimal, scale: number): bigint {
  // Fast path from decimal.js's digits: base-1e7 words aligned on the decimal point, e = exponent of the leading digit.
  const words = value.d;
  const count = words.length;
  const w0 = words[0];
  const len0 = w0 < 10 ? 1 : w0 < 100 ? 2 : w0 < 1000 ? 3 : w0 < 10000 ? 4 : w0 < 100000 ? 5 : w0 < 1000000 ? 6 : 7;
  const shift = value.e - len0 + 1 - 7 * (count - 1) + scale; // power of ten of the last word's unit, scaled
  if (shift >= 0) {
    let c: bigint;
    if (count === 1) c = BigInt(w0);
    else if (count === 2) c = BigInt(w0 * 1e7 + words[1]);
    else {
      let i = count % 2 === 0 ? 2 : 1;
      c = BigInt(i === 2 ? w0 * 1e7 + words[1] : w0);
      for (; i < count; i += 2) c = c * TWO_WORDS + BigInt(words[i] * 1e7 + words[i + 1]);
    }
    if (value.s < 0) c = -c;
    return shift === 0 ? c : c * pow10(shift);
  }
  const text = value.toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * pow10(scale);
  const decimals = text.length - dot - 1;
  if (decimals > scale) throw new RangeError(`internal: ${text} has more than ${scale} decimals`);
  return BigInt(text.slice(0, dot) + text.slice(dot + 1)) * pow10(scale - decimals);
}

/** Plain decimal text of a scaled value, exactly as Decimal#toFixed() prints it. */
export function scaledText(n: bigint, scale: number): string {
  if (n === 0n) return '0';
  if (scale <= 15 && n <= SAFE && n >= -SAFE) {
    // Exact in doubles: split into integer and fraction digits without bigint text.
    const x = Number(n);
    const a = x < 0 ? -x : x;
    const unit = NUMBER_POW[scale];
    let frac = a % unit;
    const int = (a - frac) / unit;
    let text = String(int);
    if (frac !== 0) {
      let places = scale;
      while (frac % 10 === 0) {
        frac /= 10;
        places--;
      }
      const digits = String(frac);
      text = places > digits.length ? `${text}.${ZEROS[places - digits.length]}${digits}` : `${text}.${digits}`;
    }
    return x < 0 ? `-${text}` : text;
  }
  const neg = n < 0n;
  let s = (neg ? -n : n).toString();
  if (scale > 0) {
    if (s.length <= scale) s = '0'.repeat(scale - s.length + 1) + s;
    let end = s.length;
    const point = s.length - scale;
    while (end > point && s.charCodeAt(end - 1) === 48) end--;
    s = end === point ? s.slice(0, point) : `${s.slice(0, point)}.${s.slice(point, end)}`;
  }
  return neg ? `-${s}` : s;
}

/** Scaled value back to a (compact) Decimal for the output. */
export function fromScaled(n: bigint, scale: number): Decimal {
  if (n === 0n) return ZERO;
  return decimalFromScaled(n, scale);
}

/** Decimal places of a value (0 for integers). */
export function decimalsOf(value: Decimal): number {
  return value.decimalPlaces();
}
