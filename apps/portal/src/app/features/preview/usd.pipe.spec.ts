import { formatQuantity, formatUsd } from './usd.pipe';

describe('formatUsd / formatQuantity', () => {
  it('shows dollars with grouped digits, rounded half up to cents, from decimal strings', () => {
    expect(formatUsd('1234567.005')).toBe('$1,234,567.01');
    expect(formatUsd('0.004')).toBe('$0.00');
    expect(formatUsd('-12.345')).toBe('-$12.35');
    expect(formatUsd('-0.001')).toBe('$0.00');
    expect(formatUsd('100')).toBe('$100.00');
    // Far beyond what a JS number carries exactly.
    expect(formatUsd('90071992547409931.99')).toBe('$90,071,992,547,409,931.99');
  });

  it('shows a dash for missing or unparsable values instead of $NaN', () => {
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(undefined)).toBe('—');
    expect(formatUsd('abc')).toBe('—');
  });

  it('keeps every decimal of a quantity and groups its integer digits', () => {
    expect(formatQuantity('0.000000000000000001')).toBe('0.000000000000000001');
    expect(formatQuantity('12345.50000')).toBe('12,345.5');
    expect(formatQuantity('1E-8')).toBe('0.00000001');
    expect(formatQuantity('-2')).toBe('-2');
  });
});
