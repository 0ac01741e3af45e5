// Public API of @lotline/importers: CSV in, canonical ledger events + 1099-DA lines + per-row issues out.
export { importCsv, importCsvStream, detectFormat } from './lib/pipeline/import-pipeline';
export { genericTemplateCsv, form1099DaTemplateCsv } from './lib/template/csv-templates';
export { supportedFormats, type SupportedFormat } from './lib/detection/supported-formats';
export { ledgerEventToJson, form1099DaLineToJson } from './lib/wire/ledger-json';
export type { LedgerEventJson, Form1099DaLineJson, AssetAmountJson } from './lib/wire/ledger-json';
export { ISSUE_CODES, type IssueCode, type ImportIssue } from './lib/model/import-issue';
export type { Form1099DaLine, Form1099DaTerm } from './lib/model/form-1099-da-line';
export {
  FORMAT_IDS,
  type FormatId,
  type CsvInput,
  type ImportOptions,
  type ImportResult,
  type ImportStreamItem,
  type FormatDetection,
} from './lib/model/import-types';
