import { toWire } from '@lotline/ledger';
import { context, income } from '../testing/fixtures';
import { buildIncomeReport, incomeLine } from './income-model';

describe('income report', () => {
  const rows = [
    income('2025-01-05', 'staking', '10.10'),
    income('2025-01-20', 'staking', '5.005'),
    income('2025-03-02', 'airdrop', '100', { priced: true }),
    income('2025-03-09', 'mining', '0', { priced: false }),
    income('2025-07-01', 'wages', '2500'),
    income('2024-12-31', 'staking', '999'),
  ];

  it('totals by kind and by month for the tax year only', () => {
    const m = buildIncomeReport(rows, context());
    expect(m.rows).toHaveLength(5);
    expect(toWire(m.total)).toBe('2615.105');
    expect(m.byKind.map((k) => [k.kind, k.rows, toWire(k.usdValue), k.line])).toEqual([
      ['airdrop', 1, '100', 'Schedule 1, line 8v'],
      ['mining', 1, '0', 'Schedule 1, line 8v'],
      ['staking', 2, '15.105', 'Schedule 1, line 8v'],
      ['wages', 1, '2500', 'Form 1040, line 1a'],
    ]);
    expect(m.byMonth.map((x) => [x.month, x.rows, toWire(x.usdValue)])).toEqual([
      ['2025-01', 2, '15.105'],
      ['2025-03', 2, '100'],
      ['2025-07', 1, '2500'],
    ]);
    expect(m.lines.map((l) => [l.line, toWire(l.usdValue)])).toEqual([
      ['Schedule 1, line 8v', '115.105'],
      ['Form 1040, line 1a', '2500'],
    ]);
    expect(m.unpricedRows).toBe(1);
  });

  it('picks the return line by year and client setting', () => {
    expect(incomeLine('staking', { taxYear: 2022, incomeSchedule: 'schedule1' })).toBe('Schedule 1, line 8v');
    expect(incomeLine('staking', { taxYear: 2021, incomeSchedule: 'schedule1' })).toBe('Schedule 1, line 8z');
    expect(incomeLine('mining', { taxYear: 2025, incomeSchedule: 'scheduleC' })).toBe('Schedule C, line 1');
    expect(incomeLine('wages', { taxYear: 2025, incomeSchedule: 'scheduleC' })).toBe('Form 1040, line 1a');
  });
});
