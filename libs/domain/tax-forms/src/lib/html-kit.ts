import type { ReportContext } from './report-context';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. Every value from data goes through this. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Print CSS shared by every report: US Letter, black on white, page breaks between sheets. */
export const BASE_CSS = `
@page { size: letter; margin: 0.4in; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 8.5pt; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 1.5pt 3pt; vertical-align: top; }
th { font-weight: normal; font-size: 7pt; text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
h1 { font-size: 13pt; margin: 0 0 2pt; }
h2 { font-size: 10pt; margin: 8pt 0 3pt; }
.meta { font-size: 7pt; color: #333; margin-top: 4pt; }
.ident { display: flex; justify-content: space-between; border-top: 1pt solid #000; border-bottom: 0.6pt solid #000; padding: 2pt 0; margin: 3pt 0; }
.ident .label { font-size: 6.5pt; display: block; }
.ident .value { font-size: 9pt; font-weight: bold; }
`;

/** Name and SSN/TIN strip as on the IRS forms (the TIN is left blank when not given). */
export function identStrip(ctx: ReportContext): string {
  return `<div class="ident"><div><span class="label">Name(s) shown on return</span><span class="value">${esc(ctx.clientName)}</span></div>`
    + `<div><span class="label">Social security number or taxpayer identification number</span><span class="value tin">${esc(ctx.tin ?? '')}</span></div></div>`;
}

/** Preparer / generation footer text. */
export function generationNote(ctx: ReportContext): string {
  return `Prepared by ${esc(ctx.firmName)} with Lotline · tax year ${ctx.taxYear} · method ${esc(ctx.method.toUpperCase())} · report version ${ctx.version} · generated ${esc(ctx.generatedAt)}`;
}

export function htmlDocument(title: string, css: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${BASE_CSS}${css}</style></head><body>${body}</body></html>`;
}
