import fc from 'fast-check';
import { Decimal } from '@lotline/ledger';
import { approxNumber } from './event-values';
import { isoMs } from './time';

describe('approxNumber (heuristics only)', () => {
  it.each(['0', '1', '-1', '123.45', '0.0005', '0.000000000000000001', '1234567890123456789.123', '1E+30', '-98765.4321'])('%s', (text) => {
    const d = new Decimal(text);
    expect(approxNumber(d)).toBeCloseTo(Number(text), 10);
    expect(Math.abs(approxNumber(d) - Number(text))).toBeLessThanOrEqual(Math.abs(Number(text)) * 1e-14);
  });

  it('is within 1e-14 relative of Number() for any decimal', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }), (digits, scale) => {
        const d = new Decimal(digits.toString()).div(new Decimal(10).pow(scale));
        const exact = Number(d.toString());
        expect(Math.abs(approxNumber(d) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 1e-14);
      }),
    );
  });
});

describe('isoMs', () => {
  it.each(['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.999Z', '2023-12-31T00:00:00.000Z', '2024-06-01T15:20:00+02:00', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', 'not a date', '2024-01-01'])('%s agrees with Date.parse', (text) => {
    expect(isoMs(text)).toEqual(Date.parse(text));
  });

  it('agrees with Date.parse on any instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }), (date) => {
      const iso = date.toISOString();
      expect(isoMs(iso)).toBe(date.getTime());
      expect(isoMs(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d{3}Z$/, 'Z')));
    }));
  });
});
