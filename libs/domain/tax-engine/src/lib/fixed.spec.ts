import { Decimal } from '@lotline/ledger';
import { compareQuotients, fit, fromScaled, quotient60, scaledText, shareScaled, toScaled } from './fixed';
import { share } from './lot-picker';

/** Deterministic pseudo-random decimal text with up to `maxInt` integer and `maxDp` fraction digits. */
function generator(seed: number): (maxInt: number, maxDp: number) => string {
  let s = seed;
  const next = (k: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const digits = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += String(next(10));
    return out;
  };
  return (maxInt, maxDp) => {
    const int = digits(1 + next(maxInt)).replace(/^0+(?=\d)/, '');
    const dp = next(maxDp + 1);
    return dp === 0 ? int : `${int}.${digits(dp)}`;
  };
}

describe('fixed (scaled bigint) arithmetic reproduces Decimal', () => {
  it('shares, sums and unit-cost order, digit for digit', () => {
    const rdec = generator(12345);
    for (let t = 0; t < 20000; t++) {
      const mS = t % 3 === 0 ? 30 : 20;
      const qS = t % 2 === 0 ? 8 : 18;
      const big = t % 5 === 0;
      let total = new Decimal(rdec(big ? 40 : 8, mS));
      if (t % 7 === 0) total = total.neg();
      const whole = new Decimal(rdec(big ? 40 : 6, qS));
      let part = new Decimal(rdec(big ? 40 : 6, qS));
      if (whole.isZero() || part.isZero()) continue;
      if (part.gt(whole)) part = whole.div(3).toDecimalPlaces(qS, Decimal.ROUND_DOWN);
      if (part.isZero()) continue;
      const s = shareScaled(toScaled(total, mS), toScaled(part, qS), toScaled(whole, qS), mS);
      expect(scaledText(s, mS)).toBe(share(total, part, whole).toFixed());

      const a = new Decimal(rdec(big ? 45 : 10, mS));
      const b = new Decimal(rdec(big ? 45 : 10, mS)).neg();
      expect(fromScaled(fit(toScaled(a, mS) + toScaled(b, mS)), mS).toString()).toBe(a.plus(b).toString());

      const c = new Decimal(rdec(big ? 30 : 8, qS));
      if (c.isZero()) continue;
      const q1 = quotient60(toScaled(a, mS), toScaled(whole, qS));
      const q2 = quotient60(toScaled(a, mS), toScaled(c, qS));
      expect(Math.sign(compareQuotients(q1, q2))).toBe(Math.sign(a.div(whole).comparedTo(a.div(c))));
    }
  });

  it('rounds exact and near ties at the 20th decimal like Decimal', () => {
    for (let t = 1; t < 200; t++) {
      for (let w = 1; w <= 40; w++) {
        for (const p of [1, 3, w - 1, w >> 1]) {
          if (p <= 0 || p > w) continue;
          for (const mS of [20, 24]) {
            const total = new Decimal(`${t % 2 === 0 ? '-' : ''}${t}e-${mS === 20 ? 20 : 22}`);
            const part = new Decimal(`${p}e-8`);
            const whole = new Decimal(`${w}e-8`);
            const s = shareScaled(toScaled(total, mS), toScaled(part, 8), toScaled(whole, 8), mS);
            expect(scaledText(s, mS)).toBe(share(total, part, whole).toFixed());
          }
        }
      }
    }
  });

  it('converts to and from Decimal exactly', () => {
    for (const text of ['0', '1', '0.5', '-0.000000000000000001', '123456789.123456789012345678', '1e+30', '5000000']) {
      const d = new Decimal(text);
      expect(fromScaled(toScaled(d, 30), 30).toString()).toBe(d.toString());
      expect(scaledText(toScaled(d, 30), 30)).toBe(d.toFixed());
    }
    expect(() => toScaled(new Decimal('0.123'), 2)).toThrow(RangeError);
  });
});

describe('scaledText', () => {
  it('prints like Decimal#toFixed on both the double and the bigint path', () => {
    for (const text of ['0.00000001', '3.14159265', '-12.5', '90071992.54740993', '123456789012345678.5', '1', '-0.000000000000001']) {
      const d = new Decimal(text);
      for (const scale of [15, 21, 28]) expect(scaledText(toScaled(d, scale), scale)).toBe(d.toFixed());
    }
  });
});
