/**
 * Lotline 1099-DA CSV v1: one row per Form 1099-DA line (one disposition), boxes by number:
 * broker_name, box_1a_asset_code, box_1b_asset_name, box_1c_units, box_1d_date_acquired, box_1e_date_disposed,
 * box_1f_proceeds, box_1g_cost_basis, box_2_basis_reported, box_6_term, box_9_noncovered,
 * box_12a_units_transferred_in, box_12b_transfer_in_date. Produces Form1099DaLine records, not ledger events.
 */
import type { Decimal } from '@lotline/ledger';
import type { Form1099DaTerm } from '../../model/form-1099-da-line';
import { parseCalendarDate } from '../../normalise/timestamp-parser';
import { FieldReader } from '../field-reader';
import type { HeaderIndex, RowParser, RowSink, SourceFormat } from '../source-format';

export const FORM_1099_DA_COLUMNS = [
  'broker_name', 'box_1a_asset_code', 'box_1b_asset_name', 'box_1c_units', 'box_1d_date_acquired', 'box_1e_date_disposed',
  'box_1f_proceeds', 'box_1g_cost_basis', 'box_2_basis_reported', 'box_6_term', 'box_9_noncovered',
  'box_12a_units_transferred_in', 'box_12b_transfer_in_date',
] as const;

/** The same columns named by box only ("Box 1a" ...), as brokers' own exports and spreadsheets often do. */
const SHORT_NAMES: Readonly<Record<(typeof FORM_1099_DA_COLUMNS)[number], string>> = {
  broker_name: 'broker name',
  box_1a_asset_code: 'box 1a',
  box_1b_asset_name: 'box 1b',
  box_1c_units: 'box 1c',
  box_1d_date_acquired: 'box 1d',
  box_1e_date_disposed: 'box 1e',
  box_1f_proceeds: 'box 1f',
  box_1g_cost_basis: 'box 1g',
  box_2_basis_reported: 'box 2',
  box_6_term: 'box 6',
  box_9_noncovered: 'box 9',
  box_12a_units_transferred_in: 'box 12a',
  box_12b_transfer_in_date: 'box 12b',
};
const REQUIRED = ['broker_name', 'box_1b_asset_name', 'box_1c_units', 'box_1e_date_disposed', 'box_1f_proceeds'] as const;

const CHECKED = new Set(['x', 'y', 'yes', 'true', '1', 'checked']);
const UNCHECKED = new Set(['', 'n', 'no', 'false', '0']);
const TERMS: Readonly<Record<string, Form1099DaTerm>> = {
  s: 'short', short: 'short', 'short-term': 'short', 'short term': 'short',
  l: 'long', long: 'long', 'long-term': 'long', 'long term': 'long',
  o: 'ordinary', ordinary: 'ordinary',
};

function createForm1099DaParser(header: HeaderIndex, sink: RowSink): RowParser {
  const r = new FieldReader(header, sink);
  const c = Object.fromEntries(FORM_1099_DA_COLUMNS.map((n) => [n, r.col(n, SHORT_NAMES[n])])) as Record<(typeof FORM_1099_DA_COLUMNS)[number], number>;

  const date = (col: number, required: boolean, allowVarious: boolean): string | undefined => {
    const raw = required ? r.required(col, r.columnName(col) ?? 'date') : r.text(col);
    if (raw === undefined || raw === '') return undefined;
    if (allowVarious && raw.toLowerCase() === 'various') return 'VARIOUS';
    const d = parseCalendarDate(raw);
    if (d === undefined) r.fail('INVALID_DATE', `"${raw}" is not a date (YYYY-MM-DD or MM/DD/YYYY)`, col);
    return d;
  };
  const checkbox = (col: number): boolean => {
    const v = r.text(col).toLowerCase();
    if (CHECKED.has(v)) return true;
    if (!UNCHECKED.has(v)) r.fail('INVALID_VALUE', 'a checkbox is X (checked) or empty', col);
    return false;
  };
  const money = (col: number, required: boolean): Decimal | undefined => {
    const v = r.signed(col, required);
    if (v !== undefined && v.isNegative()) r.fail('NEGATIVE_AMOUNT', `${r.columnName(col) ?? 'amount'} cannot be negative`, col);
    return v;
  };

  return {
    row(fields, line) {
      r.start(fields, line);
      const brokerName = r.required(c.broker_name, 'broker_name');
      const assetName = r.required(c.box_1b_asset_name, 'box 1b (name of digital asset)');
      const units = r.positive(c.box_1c_units, { required: true });
      const dateAcquired = date(c.box_1d_date_acquired, false, true);
      const dateDisposed = date(c.box_1e_date_disposed, true, false);
      const proceeds = money(c.box_1f_proceeds, true);
      const costBasis = money(c.box_1g_cost_basis, false);
      const basisReportedToIrs = checkbox(c.box_2_basis_reported);
      const termText = r.text(c.box_6_term).toLowerCase();
      const term = termText === '' ? undefined : TERMS[termText];
      if (termText !== '' && term === undefined) r.fail('INVALID_VALUE', 'box 6 is S (short-term), L (long-term) or O (ordinary)', c.box_6_term);
      const noncovered = checkbox(c.box_9_noncovered);
      const unitsTransferredIn = r.positive(c.box_12a_units_transferred_in, { allowZero: true });
      const transferInDate = date(c.box_12b_transfer_in_date, false, false);
      const assetCode = r.text(c.box_1a_asset_code);
      if (!r.ok || brokerName === undefined || assetName === undefined || units === undefined || dateDisposed === undefined || proceeds === undefined) return;
      sink.form1099Da(line, {
        brokerName,
        ...(assetCode === '' ? {} : { assetCode }),
        assetName,
        units,
        ...(dateAcquired === undefined ? {} : { dateAcquired }),
        dateDisposed,
        proceeds,
        ...(costBasis === undefined ? {} : { costBasis }),
        basisReportedToIrs,
        ...(term === undefined ? {} : { term }),
        noncovered,
        ...(unitsTransferredIn === undefined ? {} : { unitsTransferredIn }),
        ...(transferInDate === undefined ? {} : { transferInDate }),
      });
    },
    finish() {
      // Rows are independent.
    },
  };
}

export const form1099DaFormat: SourceFormat = {
  id: 'form-1099-da',
  label: 'Form 1099-DA (Lotline CSV of form boxes)',
  family: 'form-1099-da',
  timeZone: 'UTC',
  headerVariants: [
    { required: REQUIRED, optional: FORM_1099_DA_COLUMNS.filter((n) => !(REQUIRED as readonly string[]).includes(n)) },
    {
      required: REQUIRED.map((n) => SHORT_NAMES[n]),
      optional: FORM_1099_DA_COLUMNS.filter((n) => !(REQUIRED as readonly string[]).includes(n)).map((n) => SHORT_NAMES[n]),
    },
  ],
  createRowParser: createForm1099DaParser,
};
