import { TaxEngineError } from './tax-engine-error';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

export interface LocalCalendar {
  readonly dayOf: (epochMs: number) => number;
  readonly isoDate: (day: number) => string;
  readonly yearOf: (day: number) => number;
  /** Cached longTermFromDay. */
  readonly longTermFrom: (acquiredDay: number) => number;
}

export function createLocalCalendar(timeZone: string): LocalCalendar {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  } catch {
    throw new TaxEngineError('invalid-time-zone', `unknown IANA time zone: ${JSON.stringify(timeZone)}`);
  }
  const offsetByUtcDay = new Map<number, number>();
  const isoByDay = new Map<number, string>();
  const yearByDay = new Map<number, number>();

  /** Local wall-clock time minus UTC, in ms (whole minutes). */
  const offsetAt = (epochMs: number): number => {
    const t = Math.floor(epochMs / MS_PER_MINUTE) * MS_PER_MINUTE;
    const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
    for (const part of format.formatToParts(t)) {
      if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute') {
        p[part.type] = Number(part.value);
      }
    }
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - t;
  };
  const dayOf = (epochMs: number): number => {
    const utcDay = Math.floor(epochMs / MS_PER_DAY);
    let offset = offsetByUtcDay.get(utcDay);
    if (offset === undefined) {
      const first = offsetAt(utcDay * MS_PER_DAY);
      offset = first === offsetAt((utcDay + 1) * MS_PER_DAY - MS_PER_MINUTE) ? first : Number.NaN;
      offsetByUtcDay.set(utcDay, offset);
    }
    if (Number.isNaN(offset)) offset = offsetAt(epochMs);
    return Math.floor((epochMs + offset) / MS_PER_DAY);
  };
  const isoDate = (day: number): string => {
    let iso = isoByDay.get(day);
    if (iso === undefined) {
      iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      isoByDay.set(day, iso);
    }
    return iso;
  };
  const yearOf = (day: number): number => {
    let year = yearByDay.get(day);
    if (year === undefined) {
      year = new Date(day * MS_PER_DAY).getUTCFullYear();
      yearByDay.set(day, year);
    }
    return year;
  };
  const longByDay = new Map<number, number>();
  const longTermFrom = (acquiredDay: number): number => {
    let day = longByDay.get(acquiredDay);
    if (day === undefined) {
      day = longTermFromDay(acquiredDay);
      longByDay.set(acquiredDay, day);
    }
    return day;
  };
  return { dayOf, isoDate, yearOf, longTermFrom };
}

/**
 * First local date on which a disposal is long term. The holding period starts the day after acquisition and must
 * exceed one year: acquired 2023-03-01 -> long from 2024-03-02. When the day after acquisition is Feb 29 and the
 * following year has none, the period ends on Feb 28 and long term starts Mar 1 (Rev. Rul. 66-7: units acquired on
 * the last day of a month are measured from the first of the next month). Acquired 2023-02-28 -> long from
 * 2024-03-01; acquired 2024-02-29 -> long from 2025-03-01.
 */
export function longTermFromDay(acquiredDay: number): number {
  const start = new Date((acquiredDay + 1) * MS_PER_DAY);
  return Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate()) / MS_PER_DAY;
}

export function dayOfIsoDate(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}
