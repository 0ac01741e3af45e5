import { toWire } from '@lotline/ledger';
import type { LotAllocationRow } from '@lotline/tax-engine';
import type { AuditTrailModel } from './audit-trail-model';
import { esc, generationNote, htmlDocument, identStrip } from './html-kit';
import type { ReportContext } from './report-context';

const CSS = `
table.trail td { font-size: 7pt; }
table.trail td.src { overflow-wrap: anywhere; }
.missing { font-weight: bold; }
`;

/** Audit trail: every Form 8949 row (sheet/line) -> lot -> source file/line or API record of each event. */
export function renderAuditTrailHtml(trail: AuditTrailModel): string {
  const ctx = trail.context;
  const rows = trail.entries
    .map((e) => {
      const chain = e.links.map((l) => `${esc(l.role)} ${esc(l.eventId)}: ${esc(l.source)}`).join('<br>');
      return `<tr><td>${e.sheet}/${e.line}</td><td>${esc(e.box)}</td><td>${esc(e.description)}</td><td>${esc(e.lotDateAcquired ?? '')}</td><td>${esc(e.dateSold)}</td>`
        + `<td class="num">${esc(toWire(e.row.proceeds))}</td><td class="num">${esc(toWire(e.row.costBasis))}</td>`
        + `<td>${e.lotId === null ? '<span class="missing">no lot (missing basis)</span>' : esc(e.lotId)}</td><td class="src">${chain}</td></tr>`;
    })
    .join('');
  const body = '<section class="sheet">'
    + `<h1>Audit trail — Form 8949 ${ctx.taxYear}</h1>${identStrip(ctx)}`
    + '<table class="trail"><thead><tr><th>Sheet/line</th><th>Box</th><th>Description</th><th>Acquired</th><th>Sold</th><th class="num">Proceeds</th><th class="num">Basis</th><th>Lot</th><th>Sources</th></tr></thead>'
    + `<tbody>${rows}</tbody></table><div class="meta">Amounts at full precision (the form rounds them). ${generationNote(ctx)}</div></section>`;
  return htmlDocument(`Audit trail ${ctx.taxYear} - ${ctx.clientName}`, CSS, body);
}

/** 2025 lot allocation report (Rev. Proc. 2024-28 safe harbor: pooled lots assigned to accounts as of 2025-01-01). */
export function renderLotAllocationHtml(rows: readonly LotAllocationRow[], ctx: ReportContext): string {
  const body = '<section class="sheet">'
    + `<h1>Lot allocation as of January 1, 2025 (Rev. Proc. 2024-28 safe harbor)</h1>${identStrip(ctx)}`
    + (rows.length === 0 ? '<p>No lots were held at the transition to per-account basis.</p>' : '')
    + '<table class="trail"><thead><tr><th>Pooled lot</th><th>Allocated lot</th><th>Account</th><th>Asset</th><th class="num">Quantity</th><th class="num">Cost basis</th><th>Acquired</th><th>Rule</th></tr></thead><tbody>'
    + rows.map((r) => `<tr><td>${esc(r.sourceLotId)}</td><td>${esc(r.lotId)}</td><td>${esc(r.account)}</td><td>${esc(r.asset)}</td><td class="num">${esc(toWire(r.quantity))}</td><td class="num">${esc(toWire(r.costBasis))}</td><td>${esc(r.dateAcquired)}</td><td>${esc(r.rule)}</td></tr>`).join('')
    + `</tbody></table><div class="meta">${generationNote(ctx)}</div></section>`;
  return htmlDocument(`Lot allocation 2025 - ${ctx.clientName}`, CSS, body);
}
