import {
  auditTrailCsv,
  buildAuditTrail,
  buildForm8949,
  buildIncomeReport,
  buildScheduleD,
  capitalGainsCsv,
  holdingsCsv,
  incomeCsv,
  renderAuditTrailHtml,
  renderForm8949HtmlChunks,
  renderIncomeHtml,
  renderLotAllocationHtml,
  renderScheduleDHtml,
  taxActCsv,
  turboTaxCsv,
  type IncomeSchedule,
  type ReportContext,
  type Rounding,
} from '@lotline/tax-forms';
import { PER_ACCOUNT_FROM_YEAR, type CostBasisMethod } from '@lotline/tax-engine';
import { ReportSetRenderer, type RenderedReportFile, type ReportRenderInput } from './report-ports';

/** What prints HTML to PDF (PdfRenderer in ./pdf). */
export interface HtmlToPdf {
  render(html: string): Promise<Uint8Array>;
  /** Prints several documents and joins them into one PDF (a long Form 8949 in chunks keeps Chromium small and fast). */
  renderChunks(htmls: readonly string[]): Promise<Uint8Array>;
}

const PDF = 'application/pdf';
const CSV = 'text/csv; charset=utf-8';
const METHODS: Readonly<Record<string, CostBasisMethod>> = { fifo: 'fifo', lifo: 'lifo', hifo: 'hifo', specific_id: 'specific-id', 'specific-id': 'specific-id' };

/** The firm/client print settings carried in the computation's settings, with the documented defaults. */
function contextOf(input: ReportRenderInput): ReportContext {
  const s = input.computation.settings;
  const rounding: Rounding = s['rounding'] === 'dollars' ? 'dollars' : 'cents';
  const incomeSchedule: IncomeSchedule = s['incomeSchedule'] === 'scheduleC' ? 'scheduleC' : 'schedule1';
  return {
    clientName: input.clientName,
    ...(input.taxpayerId ? { tin: input.taxpayerId } : {}),
    firmName: input.firmName,
    taxYear: input.taxYear,
    method: METHODS[input.computation.method] ?? 'fifo',
    rounding,
    incomeSchedule,
    version: input.version,
    generatedAt: input.generatedAt,
  };
}

/**
 * The final report set of one year from the tax-forms library: the PDFs (Form 8949, Schedule D, income, audit trail,
 * and the 2025 lot allocation report) printed through Chromium, and the CSV exports. File names carry the year.
 */
export class TaxFormsRenderer extends ReportSetRenderer {
  constructor(private readonly pdf: HtmlToPdf) {
    super();
  }

  async render(input: ReportRenderInput): Promise<RenderedReportFile[]> {
    const ctx = contextOf(input);
    const { result } = input.computation;
    const year = input.taxYear;
    const disposals = result.disposals.filter((d) => d.taxYear === year);
    const income = result.income.filter((i) => i.taxYear === year);
    const form8949 = buildForm8949(disposals, ctx);
    const trail = buildAuditTrail(form8949, result.lots, input.computation.sources ?? (() => undefined));
    const text = (kind: RenderedReportFile['kind'], fileName: string, csv: string): RenderedReportFile => ({ kind, fileName, contentType: CSV, bytes: new TextEncoder().encode(csv) });
    const pdf = async (kind: RenderedReportFile['kind'], fileName: string, html: string): Promise<RenderedReportFile> => ({ kind, fileName, contentType: PDF, bytes: await this.pdf.render(html) });

    // One at a time: the renderer pools Chromium pages across reports; a report set should not hog them.
    const files: RenderedReportFile[] = [];
    files.push({ kind: 'form8949_pdf', fileName: `form-8949-${year}.pdf`, contentType: PDF, bytes: await this.pdf.renderChunks(renderForm8949HtmlChunks(form8949)) });
    files.push(await pdf('schedule_d_pdf', `schedule-d-${year}.pdf`, renderScheduleDHtml(buildScheduleD(form8949))));
    files.push(await pdf('income_pdf', `income-${year}.pdf`, renderIncomeHtml(buildIncomeReport(income, ctx))));
    files.push(await pdf('audit_trail_pdf', `audit-trail-${year}.pdf`, renderAuditTrailHtml(trail)));
    if (year === PER_ACCOUNT_FROM_YEAR) files.push(await pdf('lot_allocation', `lot-allocation-${year}.pdf`, renderLotAllocationHtml(result.lotAllocations, ctx)));
    files.push(text('audit_trail_csv', `audit-trail-${year}.csv`, auditTrailCsv(trail)));
    files.push(text('capital_gains_csv', `capital-gains-${year}.csv`, capitalGainsCsv(disposals)));
    files.push(text('turbotax_csv', `turbotax-${year}.csv`, turboTaxCsv(disposals)));
    files.push(text('taxact_csv', `taxact-${year}.csv`, taxActCsv(disposals)));
    files.push(text('income_csv', `income-${year}.csv`, incomeCsv(income)));
    files.push(text('holdings_csv', `holdings-${year}.csv`, holdingsCsv(result, year)));
    return files;
  }
}
