import { Pipe, type PipeTransform } from '@angular/core';
import { parseDecimal, roundToCents } from '@lotline/ledger';

/** Groups the integer digits of a plain non-negative decimal text with commas: "1234567.5" -> "1,234,567.5". */
function group(text: string): string {
  const [int, frac] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * A USD amount (a decimal string from the API; never a JS number) as "$1,234.56", rounded half up to cents for
 * display only; negative amounts as "-$12.34". Empty or unparsable input shows as "—".
 */
export function formatUsd(value: string | null | undefined): string {
  const d = value === null || value === undefined ? undefined : parseDecimal(value);
  if (d === undefined) return '—';
  const cents = roundToCents(d);
  const text = group(cents.abs().toFixed(2));
  return cents.isNegative() && !cents.isZero() ? `-$${text}` : `$${text}`;
}

/** A quantity (decimal string, up to 18 decimals) with grouped integer digits and no trailing zeros. */
export function formatQuantity(value: string | null | undefined): string {
  const d = value === null || value === undefined ? undefined : parseDecimal(value);
  if (d === undefined) return '—';
  const text = group(d.abs().toFixed());
  return d.isNegative() && !d.isZero() ? `-${text}` : text;
}

/** `{{ amount | usd }}`: see formatUsd. */
@Pipe({ name: 'usd' })
export class UsdPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatUsd(value);
  }
}

/** `{{ quantity | qty }}`: see formatQuantity. */
@Pipe({ name: 'qty' })
export class QuantityPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatQuantity(value);
  }
}
