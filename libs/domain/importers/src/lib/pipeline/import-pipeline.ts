/**
 * The import pipeline: records from the CSV reader -> header detection -> the format's row parser -> events and
 * issues in batches. Pure apart from consuming the given iterable; never throws on bad data.
 */
import type { LedgerEvent } from '@lotline/ledger';
import { readCsvRecords } from '../csv/csv-record-reader';
import { buildHeaderIndex } from '../detection/header-index';
import { roundScore, type HeaderScore } from '../detection/format-detector';
import { findFormat } from '../detection/format-registry';
import { HeaderFinder, type HeaderSearch, isBlank } from '../detection/header-finder';
import type { Form1099DaLine } from '../model/form-1099-da-line';
import type { ImportIssue, IssueCode } from '../model/import-issue';
import type { CsvInput, FormatDetection, ImportOptions, ImportResult, ImportStreamItem } from '../model/import-types';
import type { RowParser, SourceFormat } from '../sources/source-format';
import { BatchingSink } from './batching-sink';

const DEFAULT_BATCH_SIZE = 5000;
const DEFAULT_MAX_ISSUES = 1000;

function candidateList(scores: readonly HeaderScore[]): FormatDetection['candidates'] {
  return scores.filter((s) => s.score > 0).slice(0, 3).map((s) => ({ format: s.format, score: roundScore(s.score) }));
}

function fileIssue(fileName: string, line: number, code: IssueCode, message: string): ImportIssue {
  return { file: fileName, line, code, message };
}

function describeUnknown(fileName: string, search: HeaderSearch, override: SourceFormat | undefined): ImportIssue {
  if (search.firstRecord === undefined) return fileIssue(fileName, 0, 'EMPTY_FILE', 'The file has no rows.');
  if (override !== undefined) {
    const missing = search.closest[0]?.missing ?? [];
    return {
      file: fileName,
      line: search.firstRecord.line,
      code: 'MISSING_COLUMN',
      message: `No ${override.label} header found: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}.`,
    };
  }
  const names = search.closest.filter((s) => s.score > 0).slice(0, 3).map((s) => findFormat(s.format)?.label ?? s.format);
  const closest = names.length > 0 ? ` The closest known formats are: ${names.join(', ')}.` : '';
  return {
    file: fileName,
    line: search.firstRecord.line,
    code: 'UNKNOWN_FORMAT',
    message: `The header row does not match any supported format.${closest} Export the file again from the exchange, choose the format by hand, or fill in the Lotline generic CSV template.`,
  };
}

/**
 * Streams an import: yields `detected` once, then `batch` items (events/issues, roughly `batchSize` at a time), then
 * `done`. Memory stays bounded by the batch size (plus rows a parser holds to pair legs, e.g. Kraken trades).
 */
export async function* importCsvStream(input: CsvInput, options: ImportOptions): AsyncGenerator<ImportStreamItem> {
  const override = options.format === undefined ? undefined : findFormat(options.format);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const finder = new HeaderFinder(override);
  let sink: BatchingSink | undefined;
  let parser: RowParser | undefined;
  let rowCount = 0;
  let inputRead = 0;
  const fileIssues: ImportIssue[] = [];

  const startParsing = function* (): Generator<ImportStreamItem> {
    const search = finder.result;
    if (search?.format === undefined || search.headerRecord === undefined) {
      yield { kind: 'detected', detection: { format: null, confidence: 0, headerLine: 0, assumedTimeZone: null, candidates: candidateList(search?.closest ?? []) } };
      if (fileIssues.length === 0 && search !== undefined) fileIssues.push(describeUnknown(options.fileName, search, override));
      return;
    }
    const format = search.format;
    const header = buildHeaderIndex(search.headerRecord.fields);
    yield {
      kind: 'detected',
      detection: {
        format: format.id,
        confidence: roundScore(search.score?.score ?? 0),
        headerLine: search.headerRecord.line,
        assumedTimeZone: format.timeZoneFor?.(header) ?? format.timeZone,
        candidates: candidateList(search.closest),
      },
    };
    sink = new BatchingSink(options.fileName, options.account, options.hasPriceSource === true, format.family, options.fileSha256, maxIssues);
    parser = format.createRowParser(header, sink);
  };

  /** Feeds rows to the parser, yielding a batch whenever `batchSize` outputs are pending (bounded memory). */
  const processRows = function* (rows: readonly (readonly string[])[], lines: readonly number[], from: number): Generator<ImportStreamItem> {
    if (parser === undefined || sink === undefined) return;
    for (let i = from; i < rows.length; i++) {
      const fields = rows[i] as readonly string[];
      if (isBlank(fields)) continue;
      rowCount++;
      parser.row(fields, lines[i] as number);
      if (sink.pendingSize() >= batchSize) yield sink.drain(rowCount, inputRead);
    }
  };

  for await (const item of readCsvRecords(input)) {
    if (item.kind === 'error') {
      fileIssues.push(fileIssue(options.fileName, item.line, item.code, item.message));
      break;
    }
    inputRead = item.inputRead;
    let from = 0;
    if (finder.result === undefined) {
      for (; from < item.rows.length; from++) {
        if (finder.offer(item.rows[from] as readonly string[], item.lines[from] as number)) {
          from++;
          yield* startParsing();
          break;
        }
      }
      if (finder.result === undefined) continue;
      if (parser === undefined) break;
    }
    yield* processRows(item.rows, item.lines, from);
  }

  if (finder.result === undefined) {
    finder.giveUp();
    yield* startParsing();
  }
  const finalSink = sink as BatchingSink | undefined;
  if (parser !== undefined) parser.finish();
  for (const issue of fileIssues) {
    if (finalSink === undefined) continue;
    finalSink.issue(issue.line, issue.code, issue.message);
  }
  if (finalSink === undefined) {
    const issues = fileIssues.slice(0, maxIssues);
    yield { kind: 'batch', events: [], form1099DaLines: [], issues, rowsDone: rowCount, inputRead };
    yield { kind: 'done', rowCount, eventCount: 0, form1099DaLineCount: 0, issueCount: fileIssues.length };
    return;
  }
  yield finalSink.drain(rowCount, inputRead);
  yield { kind: 'done', rowCount, eventCount: finalSink.eventCount, form1099DaLineCount: finalSink.lineCount, issueCount: finalSink.issueCount };
}

/** Whole-file import (tests, CLI, small files): collects the stream into one result. */
export async function importCsv(input: CsvInput, options: ImportOptions): Promise<ImportResult> {
  let detection: FormatDetection | undefined;
  const events: LedgerEvent[] = [];
  const lines: Form1099DaLine[] = [];
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  let rowCount = 0;
  for await (const item of importCsvStream(input, options)) {
    switch (item.kind) {
      case 'detected':
        detection = item.detection;
        break;
      case 'batch':
        for (const e of item.events) events.push(e);
        for (const l of item.form1099DaLines) lines.push(l);
        for (const i of item.issues) issues.push(i);
        break;
      case 'done':
        issueCount = item.issueCount;
        rowCount = item.rowCount;
        break;
    }
  }
  return {
    format: detection?.format ?? null,
    confidence: detection?.confidence ?? 0,
    assumedTimeZone: detection?.assumedTimeZone ?? null,
    headerLine: detection?.headerLine ?? 0,
    events,
    form1099DaLines: lines,
    issues,
    issueCount,
    rowCount,
  };
}

/** Detects the format from the leading records only (reads no further than the header). */
export async function detectFormat(input: CsvInput, format?: ImportOptions['format']): Promise<{ detection: FormatDetection; issues: readonly ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  let detection: FormatDetection = { format: null, confidence: 0, headerLine: 0, assumedTimeZone: null, candidates: [] };
  for await (const item of importCsvStream(input, { fileName: '', account: '', format, batchSize: 1, maxIssues: 10 })) {
    if (item.kind === 'detected') {
      detection = item.detection;
      if (detection.format !== null) break;
    } else if (item.kind === 'batch') {
      issues.push(...item.issues);
    }
  }
  return { detection, issues };
}
