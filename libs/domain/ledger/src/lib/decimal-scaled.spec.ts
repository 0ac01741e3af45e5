import { Decimal } from './decimal';
import { decimalFromScaled } from './decimal-scaled';

function text(n: bigint, scale: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const plain = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return neg ? `-${plain}` : plain;
}

describe('decimalFromScaled', () => {
  it('equals new Decimal(text), digit words included, for many shapes', () => {
    let seed = 7;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const cases: [bigint, number][] = [[1n, 0], [10n, 1], [1000000000n, 2], [-5n, 30], [123456789012345678901234567890n, 20], [10n ** 40n, 0], [10n ** 40n, 21], [9007199254740993n, 14], [1n, 21], [10000000n, 7], [-(10n ** 21n), 21]];
    for (let t = 0; t < 5000; t++) {
      let digits = String(1 + rnd(9));
      const len = rnd(45);
      for (let k = 0; k < len; k++) digits += String(rnd(10));
      const zeros = rnd(12);
      const n = BigInt(digits + '0'.repeat(zeros)) * (rnd(3) === 0 ? -1n : 1n);
      cases.push([n, rnd(40)], [n, 7 * rnd(5)]);
    }
    for (const [n, scale] of cases) {
      const expected = new Decimal(text(n, scale));
      const actual = decimalFromScaled(n, scale);
      expect({ s: actual.s, e: actual.e, d: actual.d, text: actual.toString() }).toEqual({ s: expected.s, e: expected.e, d: expected.d, text: expected.toString() });
      expect(actual).toBeInstanceOf(Decimal);
      expect(actual.d.length).toBe(expected.d.length);
    }
    expect(decimalFromScaled(0n, 5).toString()).toBe('0');
  });
});
