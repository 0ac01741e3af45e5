import { dec } from '@lotline/ledger';
import { centsText, formatAmount, formDate, formDescription, roundAmount } from './form-format';

describe('form formatting', () => {
  it.each([
    ['1234.5', 'cents', '1,234.50'],
    ['1234.5', 'dollars', '1,235'],
    ['-1234.5', 'dollars', '(1,235)'],
    ['-0.004', 'cents', '0.00'],
    ['-0.4', 'dollars', '0'],
    ['-1234567.891', 'cents', '(1,234,567.89)'],
    ['0.005', 'cents', '0.01'],
    ['999.5', 'dollars', '1,000'],
  ] as const)('formatAmount(%s, %s) = %s', (v, r, out) => {
    expect(formatAmount(dec(v), r)).toBe(out);
  });

  it('rounds half up at output only', () => {
    expect(roundAmount(dec('2.5'), 'dollars').toFixed()).toBe('3');
    expect(roundAmount(dec('-2.5'), 'dollars').toFixed()).toBe('-3');
    expect(roundAmount(dec('0.125'), 'cents').toFixed()).toBe('0.13');
    expect(centsText(dec('-0.001'))).toBe('0.00');
    expect(centsText(dec('-12.345'))).toBe('-12.35');
  });

  it('prints dates as MM/DD/YYYY and a missing acquisition date as VARIOUS', () => {
    expect(formDate('2025-03-01')).toBe('03/01/2025');
    expect(formDate(null)).toBe('VARIOUS');
    expect(() => formDate('03/01/2025')).toThrow(/not an ISO date/);
  });

  it('abbreviates column (a): 8 decimals, tiny amounts, long symbols cut but never the quantity', () => {
    expect(formDescription(dec('0.123456789'), 'BTC')).toBe('0.12345679 BTC');
    expect(formDescription(dec('0.000000001'), 'ETH')).toBe('<0.00000001 ETH');
    expect(formDescription(dec('1500'), 'ETH')).toBe('1500 ETH');
    const long = formDescription(dec('12345.12345678'), 'SUPERLONGTOKENSYMBOLTHATNEVERENDS-WRAPPED');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^12345\.12345678 SUPERLONG.*…$/);
  });
});
