import type { LedgerEvent, SourceRef } from '@lotline/ledger';
import type { Form1099DaLine } from '../model/form-1099-da-line';
import type { ImportIssue, IssueCode } from '../model/import-issue';
import type { ImportStreamItem } from '../model/import-types';
import type { RowSink } from '../sources/source-format';
import { addEventIdentity, FingerprintAssigner } from './event-fingerprint';

/** Collects parser output between batches; stamps ids (fingerprints) and source references; caps kept issues. */
export class BatchingSink implements RowSink {
  events: LedgerEvent[] = [];
  lines1099: Form1099DaLine[] = [];
  issues: ImportIssue[] = [];
  issueCount = 0;
  eventCount = 0;
  lineCount = 0;
  private readonly ids = new FingerprintAssigner('ev_');
  private readonly formIds = new FingerprintAssigner('da_');

  constructor(
    readonly fileName: string,
    readonly account: string,
    readonly hasPriceSource: boolean,
    private readonly family: string,
    private readonly fileSha256: string | undefined,
    private readonly maxIssues: number,
  ) {}

  private source(line: number): SourceRef {
    return this.fileSha256 === undefined
      ? { kind: 'file', fileName: this.fileName, line }
      : { kind: 'file', fileName: this.fileName, line, fileSha256: this.fileSha256 };
  }

  event(line: number, draft: Omit<LedgerEvent, 'id' | 'source'>, externalKey?: string): void {
    const id = this.ids.assign((h) => addEventIdentity(h, this.family, draft, externalKey));
    // The draft is a fresh object owned by the pipeline from here on: stamp it instead of copying it.
    const event = draft as { -readonly [K in keyof LedgerEvent]: LedgerEvent[K] };
    event.id = id;
    event.source = this.source(line);
    this.events.push(event);
    this.eventCount++;
  }

  form1099Da(line: number, draft: Omit<Form1099DaLine, 'id' | 'source'>): void {
    const id = this.formIds.assign((h) => {
      h.add(draft.brokerName).add(draft.assetCode ?? '').add(draft.assetName).add(draft.units.toFixed()).add(draft.dateAcquired ?? '');
      h.add(draft.dateDisposed).add(draft.proceeds.toFixed()).add(draft.costBasis?.toFixed() ?? '');
    });
    this.lines1099.push({ id, ...draft, source: this.source(line) });
    this.lineCount++;
  }

  issue(line: number, code: IssueCode, message: string, column?: string, value?: string): void {
    this.issueCount++;
    if (this.issueCount > this.maxIssues) return;
    const issue: ImportIssue = { file: this.fileName, line, code, message };
    this.issues.push(column === undefined ? (value === undefined ? issue : { ...issue, value }) : value === undefined ? { ...issue, column } : { ...issue, column, value });
  }

  drain(rowsDone: number, inputRead: number): ImportStreamItem {
    const item: ImportStreamItem = { kind: 'batch', events: this.events, form1099DaLines: this.lines1099, issues: this.issues, rowsDone, inputRead };
    this.events = [];
    this.lines1099 = [];
    this.issues = [];
    return item;
  }

  pendingSize(): number {
    return this.events.length + this.lines1099.length + this.issues.length;
  }
}
