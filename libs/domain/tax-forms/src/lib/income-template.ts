import { toWire } from '@lotline/ledger';
import { formatAmount } from './form-format';
import { esc, generationNote, htmlDocument, identStrip } from './html-kit';
import type { IncomeModel } from './income-model';

const CSS = `
table.inc { margin-bottom: 6pt; }
table.inc td.num { width: 18%; }
tr.total td { font-weight: bold; }
.warn { border: 1pt solid #000; padding: 3pt; margin: 4pt 0; font-weight: bold; }
`;

/** Income report: per return line, by kind, by month, and every income event of the year. */
export function renderIncomeHtml(model: IncomeModel): string {
  const ctx = model.context;
  const f = (v: Parameters<typeof formatAmount>[0]): string => esc(formatAmount(v, ctx.rounding));
  const lines = model.lines.map((l) => `<tr data-line="${esc(l.line)}"><td>${esc(l.line)}</td><td class="num">${f(l.usdValue)}</td></tr>`).join('');
  const kinds = model.byKind.map((k) => `<tr><td>${esc(k.kind)}</td><td>${esc(k.line)}</td><td class="num">${k.rows}</td><td class="num">${f(k.usdValue)}</td></tr>`).join('');
  const months = model.byMonth.map((m) => `<tr><td>${esc(m.month)}</td><td class="num">${m.rows}</td><td class="num">${f(m.usdValue)}</td></tr>`).join('');
  const rows = model.rows
    .map((r) => `<tr><td>${esc(r.date)}</td><td>${esc(r.kind)}</td><td>${esc(r.asset)}</td><td class="num">${esc(toWire(r.quantity))}</td><td>${esc(r.account)}</td><td class="num">${f(r.usdValue)}${r.priced ? '' : ' *'}</td></tr>`)
    .join('');
  const body = '<section class="sheet">'
    + `<h1>Digital asset income ${ctx.taxYear}</h1>${identStrip(ctx)}`
    + (model.unpricedRows > 0 ? `<div class="warn">${model.unpricedRows} income event(s) have no USD price and are valued at 0 (marked *).</div>` : '')
    + `<h2>Amounts to report</h2><table class="inc"><thead><tr><th>Return line</th><th class="num">Amount (USD)</th></tr></thead><tbody>${lines}`
    + `<tr class="total"><td>Total digital asset income</td><td class="num">${f(model.total)}</td></tr></tbody></table>`
    + `<h2>By kind</h2><table class="inc"><thead><tr><th>Kind</th><th>Return line</th><th class="num">Events</th><th class="num">Amount (USD)</th></tr></thead><tbody>${kinds}</tbody></table>`
    + `<h2>By month</h2><table class="inc"><thead><tr><th>Month</th><th class="num">Events</th><th class="num">Amount (USD)</th></tr></thead><tbody>${months}</tbody></table>`
    + `<h2>Income events</h2><table class="inc"><thead><tr><th>Date</th><th>Kind</th><th>Asset</th><th class="num">Quantity</th><th>Account</th><th class="num">Fair market value (USD)</th></tr></thead><tbody>${rows}</tbody></table>`
    + `<div class="meta">Fair market value in USD at receipt; it is also the cost basis of the units received. ${generationNote(ctx)}</div></section>`;
  return htmlDocument(`Income ${ctx.taxYear} - ${ctx.clientName}`, CSS, body);
}
