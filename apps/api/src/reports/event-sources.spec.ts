import { auditEventIds, ledgerIdsOf, loadEventSources } from './event-sources';

describe('audit trail sources', () => {
  it('maps engine event ids to the ledger rows behind them', () => {
    expect(ledgerIdsOf('42')).toEqual(['42']);
    expect(ledgerIdsOf('7>9')).toEqual(['7', '9']);
    expect(ledgerIdsOf('7>9#fee')).toEqual(['7', '9']);
    expect(ledgerIdsOf('basis:3f2a')).toEqual([]);
  });

  it('loads only the rows the year’s 8949 rows name, and answers the first row of a transfer', async () => {
    const disposals = [
      { taxYear: 2025, eventId: '5', lotSourceEventIds: ['1', '2>3'] },
      { taxYear: 2024, eventId: '8', lotSourceEventIds: ['9'] },
      { taxYear: 2025, eventId: '6#fee', lotSourceEventIds: ['basis:r1'] },
    ] as never;
    expect([...auditEventIds({ disposals }, 2025)].sort()).toEqual(['1', '2>3', '5', '6#fee', 'basis:r1']);
    const asked: string[][] = [];
    const lookup = await loadEventSources(
      { eventSources: async (_f, _c, ids) => (asked.push([...ids]), new Map(ids.map((id) => [id, { kind: 'file' as const, fileName: 'a.csv', line: Number(id) }]))) },
      'firm',
      'client',
      { disposals },
      2025,
    );
    expect(asked[0].sort()).toEqual(['1', '2', '3', '5', '6']);
    expect(lookup('2>3')).toEqual({ kind: 'file', fileName: 'a.csv', line: 2 });
    expect(lookup('6#fee')).toEqual({ kind: 'file', fileName: 'a.csv', line: 6 });
    expect(lookup('basis:r1')).toMatchObject({ kind: 'manual' });
    expect(lookup('999')).toBeUndefined();
  });
});
