import { Decimal } from '@lotline/ledger';
import type { IssueCode } from '../model/import-issue';

/** Result of reading an amount: the value, or why it could not be read. */
export type AmountResult =
  | { readonly ok: true; readonly value: Decimal }
  | { readonly ok: false; readonly code: IssueCode; readonly message: string };

/** Quantities carry at most 18 decimals (PRODUCT.md). */
export const MAX_QUANTITY_DECIMALS = 18;

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** 1,234.56 and 1,234,567.5: commas are unambiguously thousands separators because a decimal point follows. */
const THOUSANDS_WITH_POINT = /^\d{1,3}(?:,\d{3})+\.\d+$/;
/** 1,234 (could be 1234 or 1.234) and 1,5 (decimal comma): ambiguous, rejected. */
const HAS_COMMA = /,/;

function invalid(text: string): AmountResult {
  return { ok: false, code: 'INVALID_DECIMAL', message: `"${text}" is not a decimal number` };
}

/**
 * Strict reader for Lotline's own formats: a positive decimal, optional exponent ("1E-8"), a thousands separator
 * only where unambiguous ("1,234.56"). Negative values are reported as NEGATIVE_AMOUNT.
 */
export function parsePositiveAmount(raw: string, maxDecimals: number | undefined): AmountResult {
  let text = raw.trim();
  let negative = false;
  if (text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    text = text.slice(1);
  } else if (text.charCodeAt(0) === 43 /* + */) {
    text = text.slice(1);
  }
  if (!PLAIN.test(text)) {
    if (!HAS_COMMA.test(text)) return invalid(raw);
    if (!THOUSANDS_WITH_POINT.test(text)) {
      return { ok: false, code: 'INVALID_DECIMAL', message: `"${raw}" uses an ambiguous separator; write it as plain digits with a decimal point` };
    }
    text = text.replace(/,/g, '');
  }
  if (negative) return { ok: false, code: 'NEGATIVE_AMOUNT', message: `amounts are positive; the column says the direction ("${raw}")` };
  const value = new Decimal(text);
  if (maxDecimals !== undefined && value.decimalPlaces() > maxDecimals) {
    return { ok: false, code: 'PRECISION_EXCEEDED', message: `"${raw}" has more than ${maxDecimals} decimal places` };
  }
  return { ok: true, value };
}

const CURRENCY_SYMBOLS = /[$€£]/g;
const TRAILING_CURRENCY = /^([-+]?\$?[\d.,]+(?:[eE][-+]?\d+)?)\s*[A-Za-z][A-Za-z0-9.]*$/;
const LEADING_CURRENCY = /^([-+]?)[A-Za-z]{3,5}\s+([\d.,]+(?:[eE][-+]?\d+)?)$/;

/**
 * Lenient signed reader for exchange exports: "$1,234.56", "-$5.00", "($5.00)", "0.5 BTC", "(0.5 BTC)", "1E-8".
 * Commas are thousands separators (US exports). Returns a signed value.
 */
export function parseSignedAmount(raw: string): AmountResult {
  let text = raw.trim();
  if (text === '') return invalid(raw);
  let negative = false;
  if (text.charCodeAt(0) === 40 /* ( */ && text.charCodeAt(text.length - 1) === 41 /* ) */) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  const trailing = TRAILING_CURRENCY.exec(text);
  if (trailing) text = trailing[1] ?? text;
  else {
    const leading = LEADING_CURRENCY.exec(text);
    if (leading) text = (leading[1] ?? '') + (leading[2] ?? '');
  }
  text = text.replace(CURRENCY_SYMBOLS, '').trim();
  const first = text.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = !negative;
    text = text.slice(1);
  } else if (first === 43 /* + */) {
    text = text.slice(1);
  }
  if (!PLAIN.test(text)) {
    if (!HAS_COMMA.test(text)) return invalid(raw);
    const stripped = text.replace(/,/g, '');
    if (!PLAIN.test(stripped)) return invalid(raw);
    text = stripped;
  }
  const value = new Decimal(text);
  return { ok: true, value: negative ? value.negated() : value };
}
