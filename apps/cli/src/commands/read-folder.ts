import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { importCsv, type Form1099DaLine, type FormatId, type ImportIssue } from '@lotline/importers';
import type { LedgerEvent } from '@lotline/ledger';

export interface FolderImport {
  readonly events: readonly LedgerEvent[];
  /** Lines of any Form 1099-DA files in the folder (matched to disposals by reconciliation). */
  readonly form1099Da: readonly Form1099DaLine[];
  readonly files: readonly { readonly file: string; readonly account: string; readonly format: FormatId | null; readonly rows: number; readonly events: number }[];
  readonly issues: readonly ImportIssue[];
  readonly issueCount: number;
}

/**
 * Imports every *.csv in `folder`: one file per account, the file name (without .csv) is the account name.
 * All-or-nothing like the server: any issue in any file means no events are returned for use.
 */
export async function importFolder(folder: string): Promise<FolderImport> {
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${folder} is not a folder`);
  const files = readdirSync(folder)
    .filter((f) => extname(f).toLowerCase() === '.csv')
    .sort();
  if (files.length === 0) throw new Error(`${folder} has no .csv files (one file per account, named after the account)`);
  const events: LedgerEvent[] = [];
  const form1099Da: Form1099DaLine[] = [];
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  const summary: FolderImport['files'][number][] = [];
  for (const file of files) {
    const bytes = readFileSync(join(folder, file));
    const account = basename(file, extname(file));
    const result = await importCsv(new Uint8Array(bytes), {
      fileName: file,
      account,
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
    });
    for (const e of result.events) events.push(e);
    form1099Da.push(...result.form1099DaLines);
    issues.push(...result.issues);
    issueCount += result.issueCount;
    summary.push({ file, account, format: result.format, rows: result.rowCount, events: result.events.length });
  }
  return { events, form1099Da, files: summary, issues, issueCount };
}

export function formatIssue(issue: ImportIssue): string {
  const where = [issue.file, issue.line ? `line ${issue.line}` : '', issue.column ? `column ${issue.column}` : ''].filter(Boolean).join(', ');
  const value = issue.value ? ` (value ${JSON.stringify(issue.value)})` : '';
  return `${where}: ${issue.code}: ${issue.message}${value}`;
}
