/** Milliseconds of an ISO instant or of a calendar day (YYYY-MM-DD = 00:00 UTC); NaN when it is neither. */
export function instantMs(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : Date.parse(text);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar date (YYYY-MM-DD) of an ISO instant in an IANA zone. */
export function localDate(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(instantMs(iso)));
}

/** The digit at position i, or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds of an ISO instant. The canonical UTC form the importers write (YYYY-MM-DDTHH:mm:ss[.sss]Z) is read
 * directly (several times faster than Date.parse on a million events); anything else goes through Date.parse.
 */
export function isoMs(text: string): number {
  const n = text.length;
  if ((n === 20 || n === 24) && text[n - 1] === 'Z' && text[4] === '-' && text[7] === '-' && text[10] === 'T' && text[13] === ':' && text[16] === ':' && (n === 20 || text[19] === '.')) {
    let ok = true;
    for (let k = 0; k < DIGIT_POSITIONS.length; k++) ok = ok && digitAt(text, DIGIT_POSITIONS[k]) >= 0;
    for (let i = 20; i < n - 1; i++) ok = ok && digitAt(text, i) >= 0;
    if (ok) {
      const d = (i: number): number => digitAt(text, i);
      const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
      const month = d(5) * 10 + d(6);
      const day = d(8) * 10 + d(9);
      const hour = d(11) * 10 + d(12);
      const minute = d(14) * 10 + d(15);
      const second = d(17) * 10 + d(18);
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const maxDay = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
      if (month >= 1 && month <= 12 && day >= 1 && day <= maxDay && hour <= 23 && minute <= 59 && second <= 59) {
        return Date.UTC(year, month - 1, day, hour, minute, second, n === 24 ? d(20) * 100 + d(21) * 10 + d(22) : 0);
      }
    }
  }
  return Date.parse(text);
}
