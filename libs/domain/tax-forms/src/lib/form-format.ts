import { Decimal, roundToCents, roundToWholeDollars } from '@lotline/ledger';
import type { Rounding } from './report-context';

/** Rounds a money amount for a form (half up, IRS practice): whole dollars or cents. */
export function roundAmount(value: Decimal, rounding: Rounding): Decimal {
  return rounding === 'cents' ? roundToCents(value) : roundToWholeDollars(value);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An amount as the IRS prints it, rounded for the form: thousands separators, negative amounts in parentheses,
 * e.g. 1234.5 -> "1,234.50" (cents), -1234.5 -> "(1,235)" (whole dollars).
 */
export function formatAmount(value: Decimal, rounding: Rounding): string {
  const rounded = roundAmount(value, rounding);
  const text = rounded.abs().toFixed(rounding === 'cents' ? 2 : 0);
  const [whole, cents] = text.split('.');
  const body = groupThousands(whole) + (cents === undefined ? '' : `.${cents}`);
  return rounded.isNegative() && !rounded.isZero() ? `(${body})` : body;
}

/** Plain 2-decimal text for CSV money columns ("-12.50"); half up; never "-0.00". */
export function centsText(value: Decimal): string {
  const r = roundToCents(value);
  return (r.isZero() ? r.abs() : r).toFixed(2);
}

/** "2025-03-01" -> "03/01/2025" (the form's Mo., day, yr.); null (no single acquisition date) -> "VARIOUS". */
export function formDate(isoDate: string | null): string {
  if (isoDate === null) return 'VARIOUS';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (m === null) throw new RangeError(`not an ISO date: ${JSON.stringify(isoDate)}`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** Most decimals a quantity shows in column (a); more are rounded (the CSVs and the audit trail keep every digit). */
export const DESCRIPTION_DECIMALS = 8;
/** Column (a) holds about two short lines on the printed form; longer descriptions are abbreviated with "…". */
export const DESCRIPTION_MAX_CHARS = 40;

/**
 * Column (a): "<quantity> <asset>" with the quantity rounded half up to 8 decimals ("<0.00000001" below that),
 * abbreviated to 40 characters by cutting the asset symbol (never the quantity).
 */
export function formDescription(quantity: Decimal, asset: string): string {
  const q = quantity.toDecimalPlaces(DESCRIPTION_DECIMALS, Decimal.ROUND_HALF_UP);
  const qText = q.isZero() && !quantity.isZero() ? '<0.00000001' : q.toFixed();
  const full = `${qText} ${asset}`;
  if (full.length <= DESCRIPTION_MAX_CHARS) return full;
  const room = Math.max(DESCRIPTION_MAX_CHARS - qText.length - 2, 1);
  return `${qText} ${asset.slice(0, room)}…`;
}
