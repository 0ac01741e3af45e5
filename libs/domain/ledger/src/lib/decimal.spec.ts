import { dec, parseDecimal, roundToCents, roundToWholeDollars, sum, toWire } from './decimal';

describe('decimal helpers', () => {
  it.each([
    ['1', '1'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['1E-8', '0.00000001'],
    ['  12.50 ', '12.5'],
    ['-3', '-3'],
    ['.5', '0.5'],
  ])('parses %p as %p', (text, wire) => {
    const d = parseDecimal(text);
    expect(d && toWire(d)).toBe(wire);
  });

  it.each(['', 'abc', '1,000.00', '1.2.3', 'NaN', 'Infinity', '0x10'])('rejects %p', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
    expect(() => dec(text)).toThrow(RangeError);
  });

  it('keeps 18-decimal quantities exact through arithmetic', () => {
    const wei = dec('0.000000000000000001');
    const total = sum(Array.from({ length: 1000 }, () => wei));
    expect(toWire(total)).toBe('0.000000000000001');
    expect(toWire(dec('123456789.123456789123456789').times('65432.10'))).toBe('8078036971604.9369716049369635269');
  });

  it('rounds half up only at form output', () => {
    expect(toWire(roundToCents(dec('10.005')))).toBe('10.01');
    expect(toWire(roundToCents(dec('-10.005')))).toBe('-10.01');
    expect(toWire(roundToWholeDollars(dec('10.5')))).toBe('11');
    expect(toWire(roundToWholeDollars(dec('10.49')))).toBe('10');
  });
});
