import { Decimal } from '@lotline/ledger';
import type { DisposalRow, LotRecord } from '@lotline/tax-engine';
import { Fingerprint } from './fingerprint';
import { fingerprintRow, rowTuple } from './recon-output.repository';

const lot: LotRecord = {
  id: 'lot-1', asset: 'BTC', account: 'Coinbase', scopeKey: '*', quantity: new Decimal('0.5'), costBasis: new Decimal('15000.25'), dateAcquired: '2024-01-02',
  remainingQuantity: new Decimal('0.25'), remainingCostBasis: new Decimal('7500.125'), origin: { kind: 'acquisition', eventId: 'e1' }, sourceEventIds: ['e1'], missingBasis: false,
};

const row: DisposalRow = {
  eventId: 'e9', eventType: 'sell', leg: 'principal', taxYear: 2024, account: 'Coinbase', asset: 'BTC', quantity: new Decimal('0.25'), description: '0.25 BTC',
  dateAcquired: '2024-01-02', dateSold: '2024-06-01', proceeds: new Decimal('17000'), costBasis: new Decimal('7500.125'), formCostBasis: new Decimal('7500.125'),
  adjustmentCode: null, adjustmentAmount: new Decimal(0), gain: new Decimal('9499.875'), term: 'short', formBox: 'A', method: 'fifo', lotId: 'lot-1',
  lotSourceEventIds: ['e1'], missingBasis: false,
};

const digest = (d: DisposalRow, lots: ReadonlyMap<string, LotRecord>) => {
  const fp = new Fingerprint();
  fingerprintRow(fp, d, lots);
  return fp.digest();
};

/** The same field, changed: strings and ids get a suffix, decimals grow by a tiny amount, flags flip, lists grow. */
function changed(v: unknown): unknown {
  if (v instanceof Decimal) return v.plus('0.000000000000000001');
  if (typeof v === 'string') return `${v}x`;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v + 1;
  if (Array.isArray(v)) return [...v, 'x'];
  if (v === null) return 'B';
  if (typeof v === 'object') return { ...v, changed: true };
  throw new Error(`no change for ${String(v)}`);
}

describe('Fingerprint', () => {
  it('is deterministic, 128 bits, and tells typed, length-prefixed values apart', () => {
    const of = (f: (fp: Fingerprint) => Fingerprint) => f(new Fingerprint()).digest();
    expect(of((fp) => fp.str('ab').str('c'))).toMatch(/^[0-9a-f]{32}$/);
    expect(of((fp) => fp.str('ab').str('c'))).toBe(of((fp) => fp.str('ab').str('c')));
    expect(of((fp) => fp.str('ab').str('c'))).not.toBe(of((fp) => fp.str('a').str('bc')));
    expect(of((fp) => fp.str(null))).not.toBe(of((fp) => fp.str('')));
    expect(of((fp) => fp.str('1'))).not.toBe(of((fp) => fp.int(1)));
    expect(of((fp) => fp.strs(['a', 'b']))).not.toBe(of((fp) => fp.str('a').str('b')));
    expect(of((fp) => fp.int(2 ** 40))).not.toBe(of((fp) => fp.int(0)));
    expect(of((fp) => fp.dec(new Decimal('1.50')))).toBe(of((fp) => fp.dec(new Decimal('3').div(2))));
    expect(of((fp) => fp.dec(new Decimal('1.5')))).not.toBe(of((fp) => fp.dec(new Decimal('15'))));
    expect(of((fp) => fp.dec(new Decimal('-1.5')))).not.toBe(of((fp) => fp.dec(new Decimal('1.5'))));
  });

  it('has no collision among 200,000 nearby decimals and short strings', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      seen.add(new Fingerprint().dec(new Decimal(i).div(1000)).digest());
      seen.add(new Fingerprint().str(`e${i}`).digest());
    }
    expect(seen.size).toBe(200_000);
  });
});

describe('fingerprintRow', () => {
  const lots = new Map([[lot.id, lot]]);
  const base = digest(row, lots);

  it('changes whenever a field that reaches the stored row changes (every DisposalRow field is tried)', () => {
    const stored = JSON.stringify(rowTuple(row, 1, lots));
    const missed: string[] = [];
    for (const key of Object.keys(row) as (keyof DisposalRow)[]) {
      const other = { ...row, [key]: changed(row[key]) } as DisposalRow;
      const otherLots = key === 'lotId' ? new Map([...lots, [String(other.lotId), { ...lot, id: String(other.lotId) }]]) : lots;
      const storedChanged = JSON.stringify(rowTuple(other, 1, otherLots)) !== stored;
      if (storedChanged && digest(other, otherLots) === base) missed.push(key);
    }
    expect(missed).toEqual([]);
  });

  it('changes whenever a field of the row\'s lot that reaches the stored row changes', () => {
    const stored = JSON.stringify(rowTuple(row, 1, lots));
    const missed: string[] = [];
    let storedFields = 0;
    for (const key of Object.keys(lot) as (keyof LotRecord)[]) {
      if (key === 'id') continue; // the row names its lot by id: covered above
      const otherLots = new Map([[lot.id, { ...lot, [key]: changed(lot[key]) } as LotRecord]]);
      if (JSON.stringify(rowTuple(row, 1, otherLots)) === stored) continue;
      storedFields++;
      if (digest(row, otherLots) === base) missed.push(key);
    }
    expect(storedFields).toBe(4); // account, date acquired, quantity, cost basis
    expect(missed).toEqual([]);
  });
});
