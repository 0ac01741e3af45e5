import type { EntityManager } from 'typeorm';
import { dec, toWire, type Decimal } from '@lotline/ledger';
import type { Form1099DaLine, Form1099DaTerm } from '@lotline/importers';

export interface FormLineInsertContext {
  readonly firmId: string;
  readonly clientId: string;
  readonly batchId: string;
  readonly fileSha256: string;
  readonly fileName: string;
}

const COLUMNS = [
  ['fingerprint', 'text'],
  ['line', 'int'],
  ['broker_name', 'text'],
  ['asset_code', 'text'],
  ['asset_name', 'text'],
  ['units', 'numeric'],
  ['date_acquired', 'text'],
  ['date_disposed', 'date'],
  ['proceeds', 'numeric'],
  ['cost_basis', 'numeric'],
  ['basis_reported_to_irs', 'boolean'],
  ['term', 'text'],
  ['noncovered', 'boolean'],
  ['units_transferred_in', 'numeric'],
  ['transfer_in_date', 'date'],
] as const;

const INSERT_SQL = `
  INSERT INTO form_1099_da_line (firm_id, client_id, batch_id, file_sha256, file_name, ${COLUMNS.map(([c]) => c).join(', ')})
  SELECT $1, $2, $3, $4, $5, * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 6}::${t}[]`).join(', ')})
  ON CONFLICT (client_id, fingerprint) DO NOTHING`;

const w = (v: Decimal | undefined): string | null => (v === undefined ? null : toWire(v));

/**
 * Stores 1099-DA lines of one import batch (one statement per call, inside the import transaction). Lines the client
 * already has (same fingerprint: same broker, asset, units, dates, proceeds and basis) are skipped; returns how many
 * were new.
 */
export async function insertForm1099DaLines(tx: EntityManager, ctx: FormLineInsertContext, lines: readonly Form1099DaLine[]): Promise<number> {
  if (lines.length === 0) return 0;
  const cols: (string | number | boolean | null)[][] = COLUMNS.map(() => new Array(lines.length));
  lines.forEach((l, i) => {
    const values = [
      l.id,
      l.source.kind === 'file' ? l.source.line : 0,
      l.brokerName,
      l.assetCode ?? null,
      l.assetName,
      toWire(l.units),
      l.dateAcquired ?? null,
      l.dateDisposed,
      toWire(l.proceeds),
      w(l.costBasis),
      l.basisReportedToIrs,
      l.term ?? null,
      l.noncovered,
      w(l.unitsTransferredIn),
      l.transferInDate ?? null,
    ];
    for (let c = 0; c < values.length; c++) cols[c][i] = values[c];
  });
  const runner = tx.queryRunner;
  if (!runner) throw new Error('insertForm1099DaLines needs a transaction');
  const result = await runner.query(INSERT_SQL, [ctx.firmId, ctx.clientId, ctx.batchId, ctx.fileSha256, ctx.fileName, ...cols], true);
  return result.affected ?? 0;
}

interface FormLineRow {
  fingerprint: string;
  file_sha256: string;
  file_name: string;
  line: number;
  broker_name: string;
  asset_code: string | null;
  asset_name: string;
  units: string;
  date_acquired: string | null;
  date_disposed: string;
  proceeds: string;
  cost_basis: string | null;
  basis_reported_to_irs: boolean;
  term: Form1099DaTerm | null;
  noncovered: boolean;
  units_transferred_in: string | null;
  transfer_in_date: string | null;
}

/** Every stored 1099-DA line of a client, by date disposed, then file and line. Dates come back as YYYY-MM-DD text. */
export async function loadForm1099DaLines(m: EntityManager, firmId: string, clientId: string): Promise<Form1099DaLine[]> {
  const rows: FormLineRow[] = await m.query(
    `SELECT fingerprint, file_sha256, file_name, line, broker_name, asset_code, asset_name, units, date_acquired,
            to_char(date_disposed, 'YYYY-MM-DD') AS date_disposed, proceeds, cost_basis, basis_reported_to_irs, term, noncovered,
            units_transferred_in, to_char(transfer_in_date, 'YYYY-MM-DD') AS transfer_in_date
       FROM form_1099_da_line WHERE firm_id = $1 AND client_id = $2
      ORDER BY date_disposed, file_name, line, fingerprint`,
    [firmId, clientId],
  );
  return rows.map((r) => ({
    id: r.fingerprint,
    brokerName: r.broker_name,
    ...(r.asset_code === null ? {} : { assetCode: r.asset_code }),
    assetName: r.asset_name,
    units: dec(r.units),
    ...(r.date_acquired === null ? {} : { dateAcquired: r.date_acquired }),
    dateDisposed: r.date_disposed,
    proceeds: dec(r.proceeds),
    ...(r.cost_basis === null ? {} : { costBasis: dec(r.cost_basis) }),
    basisReportedToIrs: r.basis_reported_to_irs,
    ...(r.term === null ? {} : { term: r.term }),
    noncovered: r.noncovered,
    ...(r.units_transferred_in === null ? {} : { unitsTransferredIn: dec(r.units_transferred_in) }),
    ...(r.transfer_in_date === null ? {} : { transferInDate: r.transfer_in_date }),
    source: { kind: 'file', fileName: r.file_name, line: r.line, fileSha256: r.file_sha256 },
  }));
}
