/**
 * Timestamp reading for CSV exports. Timestamps with an offset (Z, +02:00, "UTC") are honoured; naive ones are read in
 * the zone the format documents: 'UTC', a fixed offset such as '+08:00', or an IANA zone such as 'America/New_York'.
 * Output is always an ISO 8601 UTC instant with milliseconds (what LedgerEvent.timestamp holds).
 */

export type TimestampResult =
  | { readonly ok: true; readonly iso: string; readonly epochMs: number }
  | { readonly ok: false; readonly message: string };

/** 2024-03-01, 2024/03/01, 2024-03-01T14:05, 2024-03-01 14:05:00.123, with Z / +hh:mm / +hhmm / " UTC" / " +00:00". */
const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
/** 03/01/2024, 3/1/2024 14:05, 03/01/2024 2:05:00 PM, optional " UTC". */
const US_LIKE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;
/** Bitstamp: "Jan. 01, 2021, 12:00 PM", "Sep. 1, 2021, 1:05 AM", "May 5, 2021, 10:00 AM". */
const MONTH_NAME_LIKE =
  /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface Parts {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  readonly ms: number;
  /** Offset east of UTC in minutes, or undefined when the text had none. */
  readonly offset: number | undefined;
}

function num(text: string | undefined): number {
  return text === undefined || text === '' ? 0 : Number(text);
}

function fraction(text: string | undefined): number {
  if (text === undefined) return 0;
  return Math.floor(Number((text + '00').slice(0, 3)));
}

function parseOffset(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const c = text.charCodeAt(0);
  if (c !== 43 && c !== 45) return 0; // Z, UTC, GMT
  const digits = text.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return c === 45 ? -minutes : minutes;
}

function to24h(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  const pm = meridiem.toLowerCase() === 'pm';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function split(text: string): Parts | undefined {
  let m = ISO_LIKE.exec(text);
  if (m) {
    return {
      y: num(m[1]), mo: num(m[2]), d: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), ms: fraction(m[7]),
      offset: parseOffset(m[8]),
    };
  }
  m = US_LIKE.exec(text);
  if (m) {
    if (m[8] !== undefined && num(m[4]) > 12) return undefined;
    const year = num(m[3]);
    return {
      y: year < 100 ? 2000 + year : year, mo: num(m[1]), d: num(m[2]), h: to24h(num(m[4]), m[8]), mi: num(m[5]), s: num(m[6]),
      ms: fraction(m[7]), offset: parseOffset(m[9]),
    };
  }
  m = MONTH_NAME_LIKE.exec(text);
  if (m) {
    const mo = MONTHS[(m[1] ?? '').toLowerCase()];
    if (mo === undefined || (m[7] !== undefined && num(m[4]) > 12)) return undefined;
    return { y: num(m[3]), mo, d: num(m[2]), h: to24h(num(m[4]), m[7]), mi: num(m[5]), s: num(m[6]), ms: 0, offset: undefined };
  }
  return undefined;
}

function valid(p: Parts): boolean {
  if (p.y < 1970 || p.y > 2200 || p.mo < 1 || p.mo > 12 || p.d < 1) return false;
  const maxDay = p.mo === 2 && !(p.y % 4 === 0 && (p.y % 100 !== 0 || p.y % 400 === 0)) ? 28 : (DAYS_IN_MONTH[p.mo - 1] ?? 31);
  return p.d <= maxDay && p.h < 24 && p.mi < 60 && p.s < 60;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset (minutes east of UTC) of an IANA zone at a UTC instant. */
function ianaOffsetMinutes(zone: string, epochMs: number): number {
  let fmt = zoneFormatters.get(zone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormatters.set(zone, fmt);
  }
  const v: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') v[part.type] = Number(part.value);
  }
  const local = Date.UTC(v['year'] ?? 0, (v['month'] ?? 1) - 1, v['day'] ?? 1, v['hour'] ?? 0, v['minute'] ?? 0, v['second'] ?? 0);
  return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60000);
}

const FIXED_OFFSET = /^[+-]\d{2}:\d{2}$/;

/** Minutes east of UTC for a naive local time in `zone`. */
function zoneOffsetFor(zone: string, naiveUtcMs: number): number {
  if (zone === 'UTC') return 0;
  if (FIXED_OFFSET.test(zone)) return parseOffset(zone) ?? 0;
  // IANA: guess with the offset at the naive instant, then correct once (handles DST transitions).
  const first = ianaOffsetMinutes(zone, naiveUtcMs);
  const second = ianaOffsetMinutes(zone, naiveUtcMs - first * 60000);
  return second;
}

export interface TimestampOptions {
  /** Zone for naive timestamps. */
  readonly zone: string;
  /** Reject naive timestamps (Lotline generic format). */
  readonly requireOffset?: boolean;
}

/** Two-digit number at i, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Fast path for the common exact form YYYY-MM-DDTHH:MM:SSZ (20 characters); undefined when not in that form. */
function fastUtc(text: string): TimestampResult | undefined {
  if (text.length !== 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) return undefined;
  const c = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const p: Parts = {
    y: c * 100 + yy, mo: twoDigits(text, 5), d: twoDigits(text, 8), h: twoDigits(text, 11), mi: twoDigits(text, 14), s: twoDigits(text, 17), ms: 0, offset: 0,
  };
  if (c < 0 || yy < 0 || p.h < 0 || p.mi < 0 || p.s < 0 || !valid(p)) return undefined;
  const epochMs = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return { ok: true, iso: `${text.slice(0, 19)}.000Z`, epochMs };
}

export function parseTimestamp(raw: string, options: TimestampOptions): TimestampResult {
  const text = raw.trim();
  const fast = fastUtc(text);
  if (fast !== undefined) return fast;
  const p = split(text);
  if (p === undefined || !valid(p)) return { ok: false, message: `"${raw}" is not a date/time this format uses` };
  if (p.offset === undefined && options.requireOffset === true) {
    return { ok: false, message: `"${raw}" has no time zone; add Z (UTC) or an offset such as -05:00` };
  }
  const naive = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  const offset = p.offset ?? zoneOffsetFor(options.zone, naive);
  const epochMs = naive - offset * 60000;
  return { ok: true, iso: new Date(epochMs).toISOString(), epochMs };
}

/** Calendar date (YYYY-MM-DD) as printed on a form, from ISO or US notation; no zone conversion. */
export function parseCalendarDate(raw: string): string | undefined {
  const p = split(raw.trim());
  if (p === undefined || !valid(p)) return undefined;
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}
