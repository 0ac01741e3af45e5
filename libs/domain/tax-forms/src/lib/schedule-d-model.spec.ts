import { toWire } from '@lotline/ledger';
import { context, row } from '../testing/fixtures';
import { buildForm8949 } from './form-8949-model';
import { buildScheduleD } from './schedule-d-model';

describe('Schedule D summary', () => {
  it('2025: G/H/I -> 1b/2/3 and J/K/L -> 8b/9/10 from the printed page totals (whole dollars)', () => {
    const rows = [
      row({ id: 'g', box: 'G', proceeds: '3000', basis: '2010', formBasis: '2000' }),
      row({ id: 'h', box: 'H', proceeds: '10.50', basis: '0' }),
      row({ id: 'i1', proceeds: '0.50', basis: '0' }),
      row({ id: 'i2', proceeds: '0.50', basis: '0' }),
      row({ id: 'j', term: 'long', box: 'J', proceeds: '500', basis: '200' }),
      row({ id: 'k', term: 'long', box: 'K', proceeds: '100', basis: '400' }),
      row({ id: 'l', term: 'long', proceeds: '1', basis: '0.4' }),
    ];
    const sd = buildScheduleD(buildForm8949(rows, context({ rounding: 'dollars' })));
    const cols = Object.fromEntries(sd.lines.map((l) => [l.line, [l.totals.proceeds, l.totals.costBasis, l.totals.adjustment, l.totals.gain].map(toWire).join('/')]));
    expect(cols).toEqual({
      '1a': '0/0/0/0',
      '1b': '3000/2000/-10/990',
      '2': '11/0/0/11',
      // Two rows of 0.50 print as 1 each (half up), so line 3 is 2, not round(1.00) = 1.
      '3': '2/0/0/2',
      '7': '0/0/0/1003',
      '8a': '0/0/0/0',
      '8b': '500/200/0/300',
      '9': '100/400/0/-300',
      '10': '1/0/0/1',
      '15': '0/0/0/1',
      '16': '0/0/0/1004',
    });
    expect(sd.lines.find((l) => l.line === '1b')?.boxes).toEqual(['A', 'G']);
  });
});
