import { toWire } from '@lotline/ledger';
import { context, row } from '../testing/fixtures';
import { buildForm8949, rowsPerPage, type ColumnTotals } from './form-8949-model';
import { buildScheduleD } from './schedule-d-model';

const t = (x: ColumnTotals) => ({ d: toWire(x.proceeds), e: toWire(x.costBasis), g: toWire(x.adjustment), h: toWire(x.gain) });

describe('Form 8949 model', () => {
  it('uses the official rows per page: 14 before 2025, 11 from 2025', () => {
    expect(rowsPerPage(2024)).toBe(14);
    expect(rowsPerPage(2025)).toBe(11);
    expect(rowsPerPage(2026)).toBe(11);
  });

  it('2025: boxes G-L, Part I before Part II, continuation pages with their own totals', () => {
    // 12 short rows with no 1099-DA (box I): 11 on the first sheet, 1 on a continuation sheet; 1 long row (box L);
    // 1 short row with basis reported (box G) comes before box I.
    const shortRows = Array.from({ length: 12 }, (_, i) => row({ id: `s${i + 1}`, proceeds: `${100 + i}`, basis: '50' }));
    const model = buildForm8949(
      [row({ id: 'l1', term: 'long', proceeds: '1000', basis: '1500.25' }), ...shortRows, row({ id: 'g1', box: 'G', proceeds: '10', basis: '4' }), row({ id: 'old', year: 2024, proceeds: '1', basis: '1' })],
      context(),
    );
    expect(model.pages.map((p) => [p.sheet, p.part, p.box, p.boxPage, p.boxPages, p.lines.length])).toEqual([
      [1, 'I', 'G', 1, 1, 1],
      [2, 'I', 'I', 1, 2, 11],
      [3, 'I', 'I', 2, 2, 1],
      [4, 'II', 'L', 1, 1, 1],
    ]);
    // Sheet 2: proceeds 100..110 = 1155, basis 11 x 50 = 550, gain 605. Sheet 3: 111 - 50 = 61.
    expect(t(model.pages[1].totals)).toEqual({ d: '1155', e: '550', g: '0', h: '605' });
    expect(t(model.pages[2].totals)).toEqual({ d: '111', e: '50', g: '0', h: '61' });
    expect(t(model.pages[3].totals)).toEqual({ d: '1000', e: '1500.25', g: '0', h: '-500.25' });
    expect(model.pages[2].lines[0]).toMatchObject({ line: 1, description: '1 BTC', dateAcquired: '01/15/2025', dateSold: '06/30/2025', code: '', adjustment: null });
    const boxI = model.boxTotals.get('I');
    expect(boxI && { rows: boxI.rows, ...t(boxI) }).toEqual({ rows: 12, d: '1266', e: '600', g: '0', h: '666' });
    expect(model.boxTotals.has('A')).toBe(false);
  });

  it('before 2025: boxes A-F, 14 rows per sheet, Schedule D lines 1b/2/3/8b/9/10', () => {
    const rows = [
      ...Array.from({ length: 15 }, (_, i) => row({ id: `c${i}`, year: 2024, proceeds: '20', basis: '5' })),
      row({ id: 'a1', year: 2024, box: 'A', proceeds: '7', basis: '2' }),
      row({ id: 'b1', year: 2024, box: 'B', proceeds: '9', basis: '10' }),
      row({ id: 'd1', year: 2024, term: 'long', box: 'D', proceeds: '100', basis: '40' }),
      row({ id: 'e1', year: 2024, term: 'long', box: 'E', proceeds: '50', basis: '80' }),
      row({ id: 'f1', year: 2024, term: 'long', proceeds: '30', basis: '10' }),
    ];
    const model = buildForm8949(rows, context({ taxYear: 2024 }));
    expect(model.rowsPerPage).toBe(14);
    expect(model.pages.map((p) => `${p.box}${p.boxPage}/${p.boxPages}:${p.lines.length}`)).toEqual(['A1/1:1', 'B1/1:1', 'C1/2:14', 'C2/2:1', 'D1/1:1', 'E1/1:1', 'F1/1:1']);
    const sd = buildScheduleD(model);
    const h = Object.fromEntries(sd.lines.map((l) => [l.line, toWire(l.totals.gain)]));
    // 1b = A 5; 2 = B -1; 3 = C 15 x 15 = 225; 7 = 229; 8b = 60; 9 = -30; 10 = 20; 15 = 50; 16 = 279.
    expect(h).toEqual({ '1a': '0', '1b': '5', '2': '-1', '3': '225', '7': '229', '8a': '0', '8b': '60', '9': '-30', '10': '20', '15': '50', '16': '279' });
    expect(sd.lines.filter((l) => l.line === '3').map((l) => toWire(l.totals.proceeds))).toEqual(['300']);
  });

  it('rounds each amount once at output; (h) and page totals add up from the printed values', () => {
    // Exact: proceeds 100.50 x 2 = 201, basis 50.49 x 2 = 100.98. Whole dollars print 101 and 50 per row:
    // page totals 202 / 100 / 102 (not the rounded exact totals 201 / 101 / 100).
    const rows = [row({ id: 'r1', proceeds: '100.50', basis: '50.49' }), row({ id: 'r2', proceeds: '100.50', basis: '50.49' })];
    const dollars = buildForm8949(rows, context({ rounding: 'dollars' }));
    expect(dollars.pages[0].lines.map((l) => [toWire(l.proceeds), toWire(l.costBasis), toWire(l.gain)])).toEqual([
      ['101', '50', '51'],
      ['101', '50', '51'],
    ]);
    expect(t(dollars.pages[0].totals)).toEqual({ d: '202', e: '100', g: '0', h: '102' });
    const cents = buildForm8949(rows, context({ rounding: 'cents' }));
    expect(t(cents.pages[0].totals)).toEqual({ d: '201', e: '100.98', g: '0', h: '100.02' });
    const sub = buildForm8949([row({ proceeds: '10.005', basis: '3.3349' })], context());
    expect(sub.pages[0].lines.map((l) => [toWire(l.proceeds), toWire(l.costBasis), toWire(l.gain)])).toEqual([['10.01', '3.33', '6.68']]);
  });

  it('code B: column (e) is the broker basis, (g) the correction, (h) = d - e + g', () => {
    // Broker reported 2000, true basis 2010: (g) = -10, gain 3000 - 2000 - 10 = 990.
    const model = buildForm8949([row({ proceeds: '3000', basis: '2010', formBasis: '2000', box: 'G' })], context());
    const l = model.pages[0].lines[0];
    expect([l.code, toWire(l.costBasis), l.adjustment && toWire(l.adjustment), toWire(l.gain)]).toEqual(['B', '2000', '-10', '990']);
    expect(t(model.pages[0].totals)).toEqual({ d: '3000', e: '2000', g: '-10', h: '990' });
  });

  it('optionally combines the lot pieces of one disposal into one row with VARIOUS', () => {
    const pieces = [
      row({ id: 'sell1', qty: '0.4', proceeds: '400', basis: '100', acquired: '2025-01-02', lotId: 'b1' }),
      row({ id: 'sell1', qty: '0.6', proceeds: '600', basis: '300', acquired: '2025-02-03', lotId: 'b2' }),
      row({ id: 'sell2', qty: '1', proceeds: '5', basis: '1', acquired: '2025-03-01' }),
    ];
    const combined = buildForm8949(pieces, context(), { combineLotsPerDisposal: true });
    expect(combined.pages[0].lines.map((l) => [l.description, l.dateAcquired, toWire(l.proceeds), toWire(l.costBasis), l.rows.length])).toEqual([
      ['1 BTC', 'VARIOUS', '1000', '400', 2],
      ['1 BTC', '03/01/2025', '5', '1', 1],
    ]);
    expect(buildForm8949(pieces, context()).pages[0].lines).toHaveLength(3);
  });

  it('a shortfall row without a lot prints VARIOUS and zero basis', () => {
    const model = buildForm8949([row({ id: 'x', proceeds: '50', basis: '0', acquired: null, lotId: null })], context());
    expect(model.pages[0].lines[0]).toMatchObject({ dateAcquired: 'VARIOUS' });
    expect(toWire(model.pages[0].lines[0].gain)).toBe('50');
  });
});
