import { FORM_2025_YEAR, type FormBox } from '@lotline/tax-engine';
import type { Decimal } from '@lotline/ledger';
import type { Form8949Line, Form8949Model, Form8949Page } from './form-8949-model';
import { formatAmount } from './form-format';
import { esc, generationNote, htmlDocument, identStrip } from './html-kit';
import type { Rounding } from './report-context';

const BOX_TEXT: Record<FormBox, string> = {
  A: 'Short-term transactions reported on Form(s) 1099-B showing basis was reported to the IRS',
  B: 'Short-term transactions reported on Form(s) 1099-B showing basis wasn’t reported to the IRS',
  C: 'Short-term transactions not reported to you on Form 1099-B',
  D: 'Long-term transactions reported on Form(s) 1099-B showing basis was reported to the IRS',
  E: 'Long-term transactions reported on Form(s) 1099-B showing basis wasn’t reported to the IRS',
  F: 'Long-term transactions not reported to you on Form 1099-B',
  G: 'Short-term transactions reported on Form(s) 1099-DA showing basis was reported to the IRS',
  H: 'Short-term transactions reported on Form(s) 1099-DA showing basis wasn’t reported to the IRS',
  I: 'Short-term transactions not reported to you on Form 1099-DA',
  J: 'Long-term transactions reported on Form(s) 1099-DA showing basis was reported to the IRS',
  K: 'Long-term transactions reported on Form(s) 1099-DA showing basis wasn’t reported to the IRS',
  L: 'Long-term transactions not reported to you on Form 1099-DA',
};

/** Schedule D line each box's line 2 totals go to (see schedule-d-model.ts for the sources). */
export const SCHEDULE_D_LINE_OF_BOX: Record<FormBox, string> = { A: '1b', G: '1b', B: '2', H: '2', C: '3', I: '3', D: '8b', J: '8b', E: '9', K: '9', F: '10', L: '10' };

function boxesOfPart(part: 'I' | 'II', taxYear: number): FormBox[] {
  const legacy: FormBox[] = part === 'I' ? ['A', 'B', 'C'] : ['D', 'E', 'F'];
  const digital: FormBox[] = part === 'I' ? ['G', 'H', 'I'] : ['J', 'K', 'L'];
  return taxYear >= FORM_2025_YEAR ? [...legacy, ...digital] : legacy;
}

const CSS = `
.formhead { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; }
.formhead .title { font-size: 12pt; font-weight: bold; }
.formhead .formno { font-size: 14pt; font-weight: bold; }
.part { margin: 3pt 0; font-size: 8pt; }
.part b.tag { background: #000; color: #fff; padding: 0 4pt; margin-right: 4pt; }
.boxes { margin: 2pt 0 4pt; }
.boxline { display: flex; align-items: center; font-size: 7.5pt; line-height: 11pt; }
.check { display: inline-block; width: 9pt; height: 9pt; border: 0.8pt solid #000; text-align: center; line-height: 8pt; font-size: 8pt; font-weight: bold; margin-right: 4pt; }
table.f8949 { table-layout: fixed; }
table.f8949 td { height: 25pt; font-size: 8pt; }
table.f8949 td.desc { overflow-wrap: anywhere; word-break: break-word; }
table.f8949 tr.totals td { font-weight: bold; height: 20pt; }
.cont { font-size: 7pt; margin-top: 3pt; display: flex; justify-content: space-between; }
`;

function amount(value: Decimal | null, rounding: Rounding): string {
  return value === null ? '' : esc(formatAmount(value, rounding));
}

function lineRow(l: Form8949Line, r: Rounding): string {
  return `<tr><td class="desc">${esc(l.description)}</td><td>${esc(l.dateAcquired)}</td><td>${esc(l.dateSold)}</td>`
    + `<td class="num">${amount(l.proceeds, r)}</td><td class="num">${amount(l.costBasis, r)}</td><td>${esc(l.code)}</td>`
    + `<td class="num">${amount(l.adjustment, r)}</td><td class="num">${amount(l.gain, r)}</td></tr>`;
}

function sheet(model: Form8949Model, page: Form8949Page): string {
  const ctx = model.context;
  const r = ctx.rounding;
  const rows = page.lines.map((l) => lineRow(l, r));
  for (let i = page.lines.length; i < model.rowsPerPage; i++) rows.push('<tr><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>');
  const term = page.part === 'I' ? 'Short-Term.' : 'Long-Term.';
  const held = page.part === 'I' ? 'held 1 year or less are generally short-term' : 'held more than 1 year are generally long-term';
  const boxes = boxesOfPart(page.part, ctx.taxYear)
    .map((b) => `<div class="boxline"><span class="check">${b === page.box ? 'X' : ''}</span>(${b}) ${esc(BOX_TEXT[b])}</div>`)
    .join('');
  const t = page.totals;
  return `<section class="sheet f8949-sheet" data-box="${page.box}" data-sheet="${page.sheet}">`
    + `<div class="formhead"><div><span class="formno">Form 8949 (${ctx.taxYear})</span></div><div class="title">Sales and Other Dispositions of Capital Assets</div><div>Page ${page.part === 'I' ? 1 : 2}</div></div>`
    + identStrip(ctx)
    + `<div class="part"><b class="tag">Part ${page.part}</b><b>${term}</b> Transactions involving capital assets you ${held}. Check only one box.</div>`
    + `<div class="boxes">${boxes}</div>`
    + '<table class="f8949"><colgroup><col style="width:22%"><col style="width:10%"><col style="width:10%"><col style="width:12%"><col style="width:12%"><col style="width:6%"><col style="width:12%"><col style="width:16%"></colgroup>'
    + '<thead><tr><th>(a) Description of property (Example: 100 sh. XYZ Co.)</th><th>(b) Date acquired (Mo., day, yr.)</th><th>(c) Date sold or disposed of (Mo., day, yr.)</th>'
    + '<th class="num">(d) Proceeds (sales price)</th><th class="num">(e) Cost or other basis</th><th>(f) Code(s)</th><th class="num">(g) Amount of adjustment</th>'
    + '<th class="num">(h) Gain or (loss). Subtract column (e) from column (d) and combine the result with column (g)</th></tr></thead>'
    + `<tbody>${rows.join('')}`
    + `<tr class="totals"><td colspan="3">2 Totals (this page). Include on Schedule D, line ${SCHEDULE_D_LINE_OF_BOX[page.box]} (Box ${page.box} checked)</td>`
    + `<td class="num">${amount(t.proceeds, r)}</td><td class="num">${amount(t.costBasis, r)}</td><td></td><td class="num">${amount(t.adjustment, r)}</td><td class="num">${amount(t.gain, r)}</td></tr>`
    + '</tbody></table>'
    + `<div class="cont"><span>Box ${page.box} page ${page.boxPage} of ${page.boxPages} · sheet ${page.sheet} of ${model.pages.length}</span><span>${generationNote(ctx)}</span></div>`
    + '</section>';
}

/** Form 8949 in the IRS layout, one sheet per page (letter, portrait). No rows for the year: one note page. */
export function renderForm8949Html(model: Form8949Model): string {
  return renderForm8949HtmlChunks(model, Number.MAX_SAFE_INTEGER)[0];
}

/** Sheets per HTML document in renderForm8949HtmlChunks by default (Chromium's memory grows with a document's pages). */
export const SHEETS_PER_CHUNK = 100;

/**
 * The same sheets as renderForm8949Html, split into documents of at most `sheetsPerChunk` sheets (in order), for
 * printing in chunks and concatenating the PDFs. Sheet numbers ("sheet n of N") stay those of the whole set.
 */
export function renderForm8949HtmlChunks(model: Form8949Model, sheetsPerChunk: number = SHEETS_PER_CHUNK): string[] {
  const ctx = model.context;
  const title = `Form 8949 (${ctx.taxYear}) - ${ctx.clientName}`;
  if (model.pages.length === 0) {
    return [htmlDocument(title, CSS, `<section class="sheet"><h1>Form 8949 (${ctx.taxYear})</h1>${identStrip(ctx)}<p>No sales or other dispositions of digital assets in ${ctx.taxYear}.</p><div class="meta">${generationNote(ctx)}</div></section>`)];
  }
  const size = Math.max(1, Math.floor(sheetsPerChunk));
  const docs: string[] = [];
  for (let i = 0; i < model.pages.length; i += size) {
    docs.push(htmlDocument(title, CSS, model.pages.slice(i, i + size).map((p) => sheet(model, p)).join('')));
  }
  return docs;
}
