import { methodForYear, parseMethod, yearSettings } from './report-options';

describe('--method', () => {
  it('one method for every year', () => {
    const plan = parseMethod('HIFO');
    expect(plan).toEqual({ first: 'hifo', changes: [] });
    expect(yearSettings(plan, 2026)).toEqual({});
  });

  it('a per-year list applies each method from its year on; earlier years use the first listed', () => {
    const plan = parseMethod('2020:fifo,2022:lifo');
    expect(plan.first).toBe('fifo');
    expect(yearSettings(plan, 2024)).toEqual({ '2020': { method: 'fifo' }, '2021': { method: 'fifo' }, '2022': { method: 'lifo' }, '2023': { method: 'lifo' }, '2024': { method: 'lifo' } });
    expect(methodForYear(plan, 2018)).toBe('fifo');
    expect(methodForYear(plan, 2025)).toBe('lifo');
  });
});
