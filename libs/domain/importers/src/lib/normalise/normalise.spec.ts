import { parsePositiveAmount, parseSignedAmount } from './amount-parser';
import { hash128 } from './stable-hash';
import { parseCalendarDate, parseTimestamp } from './timestamp-parser';

describe('parsePositiveAmount (Lotline formats)', () => {
  it.each([
    ['0.5', '0.5'],
    ['1E-8', '0.00000001'],
    ['1e+3', '1000'],
    ['  42 ', '42'],
    ['1,234.56', '1234.56'],
    ['1,234,567.000000000000000001', '1234567.000000000000000001'],
    ['.25', '0.25'],
    ['+3', '3'],
  ])('reads %p as %s', (text, expected) => {
    const r = parsePositiveAmount(text, 18);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it.each([
    ['-1', 'NEGATIVE_AMOUNT'],
    ['1,234', 'INVALID_DECIMAL'],
    ['1,5', 'INVALID_DECIMAL'],
    ['1.2.3', 'INVALID_DECIMAL'],
    ['$5', 'INVALID_DECIMAL'],
    ['NaN', 'INVALID_DECIMAL'],
    ['Infinity', 'INVALID_DECIMAL'],
    ['0.1234567890123456789', 'PRECISION_EXCEEDED'],
  ])('rejects %p with %s', (text, code) => {
    const r = parsePositiveAmount(text, 18);
    expect(r.ok ? 'ok' : r.code).toBe(code);
  });
});

describe('parseSignedAmount (exchange exports)', () => {
  it.each([
    ['$1,234.56', '1234.56'],
    ['-$1,234.56', '-1234.56'],
    ['($5.00)', '-5'],
    ['0.5 BTC', '0.5'],
    ['(0.5 BTC)', '-0.5'],
    ['-0.25', '-0.25'],
    ['1E-8', '0.00000001'],
    ['USD 12.00', '12'],
    ['$845.97 ', '845.97'],
  ])('reads %p as %s', (text, expected) => {
    const r = parseSignedAmount(text);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it.each(['', 'abc', '4 4 0', '1..2', '$'])('rejects %p', (text) => {
    expect(parseSignedAmount(text).ok).toBe(false);
  });
});

describe('parseTimestamp', () => {
  const utc = { zone: 'UTC' };
  it.each([
    ['2024-03-01T14:05:00Z', utc, '2024-03-01T14:05:00.000Z'],
    ['2024-03-01T14:05:00.123456Z', utc, '2024-03-01T14:05:00.123Z'],
    ['2024-03-01T09:05:00-05:00', utc, '2024-03-01T14:05:00.000Z'],
    ['2024-03-01T15:05:00+0100', utc, '2024-03-01T14:05:00.000Z'],
    ['2024-03-01 14:05:00 UTC', utc, '2024-03-01T14:05:00.000Z'],
    ['2024-03-01 14:05', utc, '2024-03-01T14:05:00.000Z'],
    ['03/01/2024 14:05:00', utc, '2024-03-01T14:05:00.000Z'],
    ['3/1/2024 2:05:00 PM', utc, '2024-03-01T14:05:00.000Z'],
    ['3/1/24', utc, '2024-03-01T00:00:00.000Z'],
    ['Jan. 01, 2021, 12:00 PM', utc, '2021-01-01T12:00:00.000Z'],
    ['Sept. 9, 2021, 12:30 AM', utc, '2021-09-09T00:30:00.000Z'],
    ['2024-03-01 08:00:00', { zone: '+08:00' }, '2024-03-01T00:00:00.000Z'],
    ['2024-01-15', { zone: 'America/New_York' }, '2024-01-15T05:00:00.000Z'],
    ['2024-07-15', { zone: 'America/New_York' }, '2024-07-15T04:00:00.000Z'],
    ['2024-03-10 03:30:00', { zone: 'America/New_York' }, '2024-03-10T07:30:00.000Z'],
    ['2024-02-29T00:00:00Z', utc, '2024-02-29T00:00:00.000Z'],
    ['2024/03/01 14:05:00', utc, '2024-03-01T14:05:00.000Z'],
  ])('reads %p in %j as %s', (text, options, iso) => {
    const r = parseTimestamp(text, options);
    expect(r.ok && r.iso).toBe(iso);
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', 'yesterday', '', '1700000000', '2024-01-01T10:00:00Z junk'])(
    'rejects %p',
    (text) => {
      expect(parseTimestamp(text, utc).ok).toBe(false);
    },
  );

  it('requires an offset when asked (generic format)', () => {
    expect(parseTimestamp('2024-03-01 14:05:00', { zone: 'UTC', requireOffset: true }).ok).toBe(false);
    expect(parseTimestamp('2024-03-01 14:05:00Z', { zone: 'UTC', requireOffset: true }).ok).toBe(true);
  });

  it('reads calendar dates without zone conversion', () => {
    expect(parseCalendarDate('07/04/2025')).toBe('2025-07-04');
    expect(parseCalendarDate('2025-07-04')).toBe('2025-07-04');
    expect(parseCalendarDate('2025-02-30')).toBeUndefined();
  });
});

describe('hash128', () => {
  it('is deterministic, 32 hex characters, and sensitive to every character', () => {
    const a = hash128('f|lotline|Main|2024-01-01T00:00:00.000Z|buy');
    expect(a.hex).toMatch(/^[0-9a-f]{32}$/);
    expect(hash128('f|lotline|Main|2024-01-01T00:00:00.000Z|buy').hex).toBe(a.hex);
    expect(hash128('f|lotline|Main|2024-01-01T00:00:00.000Z|buz').hex).not.toBe(a.hex);
    expect(hash128('').hex).not.toBe(hash128(' ').hex);
  });

  it('has no collisions over 200,000 near-identical keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hash128(`x|coinbase|Main|buy|${i}`).hex);
    expect(seen.size).toBe(200_000);
  });
});
