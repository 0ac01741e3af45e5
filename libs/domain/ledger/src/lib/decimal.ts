import DecimalJs from 'decimal.js';

/**
 * The one Decimal type for money and quantities. 60 significant digits covers 18-decimal quantities times
 * prices with room to spare; rounding happens only through the named helpers below (form output).
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO: Decimal = new Decimal(0);

/** Plain decimal text: optional sign, digits, optional fraction; or scientific notation such as 1E-8. */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses decimal text (as found in files and on the wire). Returns undefined when the text is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim();
  if (!DECIMAL_TEXT.test(t)) return undefined;
  return new Decimal(t);
}

/** Parses decimal text or throws; for values that were already validated (wire contracts, stored rows). */
export function dec(value: string | Decimal): Decimal {
  if (typeof value !== 'string') return value;
  const d = parseDecimal(value);
  if (d === undefined) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  return d;
}

/** Decimal as plain wire text: no exponent, no trailing zeros beyond what the value needs. */
export function toWire(value: Decimal): string {
  return value.toFixed();
}

/** Named rounding used only on form output (IRS: half up). */
export function roundToCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function roundToWholeDollars(value: Decimal): Decimal {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), ZERO);
}
