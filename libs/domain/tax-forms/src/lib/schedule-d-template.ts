import { formatAmount } from './form-format';
import { esc, generationNote, htmlDocument, identStrip } from './html-kit';
import type { ScheduleDLine, ScheduleDModel } from './schedule-d-model';

const CSS = `
table.schd { table-layout: fixed; }
table.schd td { font-size: 8pt; }
table.schd td.line { font-weight: bold; }
table.schd tr.net td { font-weight: bold; }
.note { font-size: 7pt; margin-top: 6pt; }
`;

function row(l: ScheduleDLine, ctx: ScheduleDModel['context']): string {
  const f = (v: Parameters<typeof formatAmount>[0]): string => esc(formatAmount(v, ctx.rounding));
  const empty = l.boxes.length === 0 && !l.netOnly;
  const cells = l.netOnly
    ? `<td class="num"></td><td class="num"></td><td class="num"></td><td class="num">${f(l.totals.gain)}</td>`
    : empty
      ? '<td class="num"></td><td class="num"></td><td class="num"></td><td class="num"></td>'
      : `<td class="num">${f(l.totals.proceeds)}</td><td class="num">${f(l.totals.costBasis)}</td><td class="num">${f(l.totals.adjustment)}</td><td class="num">${f(l.totals.gain)}</td>`;
  return `<tr class="${l.netOnly ? 'net' : ''}" data-line="${l.line}"><td class="line">${esc(l.line)}</td><td class="label">${esc(l.label)}</td>${cells}</tr>`;
}

/** Schedule D summary (lines 1a-3, 7, 8a-10, 15, 16) from the Form 8949 totals. */
export function renderScheduleDHtml(model: ScheduleDModel): string {
  const ctx = model.context;
  const cols = '<colgroup><col style="width:5%"><col style="width:51%"><col style="width:11%"><col style="width:11%"><col style="width:11%"><col style="width:11%"></colgroup>';
  const head = '<tr><th></th><th></th><th class="num">(d) Proceeds</th><th class="num">(e) Cost or other basis</th><th class="num">(g) Adjustments</th><th class="num">(h) Gain or (loss)</th></tr>';
  const part = (title: string, ids: readonly string[]): string =>
    `<h2>${esc(title)}</h2><table class="schd">${cols}<thead>${head}</thead><tbody>${model.lines.filter((l) => ids.includes(l.line)).map((l) => row(l, ctx)).join('')}</tbody></table>`;
  const body = '<section class="sheet">'
    + `<h1>Schedule D (Form 1040) ${ctx.taxYear} — Capital Gains and Losses: summary</h1>`
    + identStrip(ctx)
    + part('Part I — Short-Term Capital Gains and Losses (generally assets held one year or less)', ['1a', '1b', '2', '3', '7'])
    + part('Part II — Long-Term Capital Gains and Losses (generally assets held more than one year)', ['8a', '8b', '9', '10', '15'])
    + part('Part III — Summary', ['16'])
    + '<p class="note">Amounts are the totals of the attached Forms 8949 (sums of the page totals as printed). Lines 1a and 8a are not used: every '
    + 'disposal is itemised on Form 8949. Lines 7 and 15 combine only the Form 8949 lines shown; lines 4-6 and 11-14 (other forms, '
    + 'Schedule K-1, capital loss carryovers, capital gain distributions) are for the preparer to add.</p>'
    + `<div class="meta">${generationNote(ctx)}</div></section>`;
  return htmlDocument(`Schedule D (${ctx.taxYear}) - ${ctx.clientName}`, CSS, body);
}
