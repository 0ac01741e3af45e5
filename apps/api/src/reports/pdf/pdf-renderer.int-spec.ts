import { dec, ZERO } from '@lotline/ledger';
import type { DisposalRow } from '@lotline/tax-engine';
import { buildForm8949, buildIncomeReport, buildScheduleD, renderForm8949Html, renderForm8949HtmlChunks, renderIncomeHtml, renderScheduleDHtml, type ReportContext } from '@lotline/tax-forms';
import { PdfRenderer, PdfRenderTimeoutError } from './pdf-renderer';
import { countPdfPages, readPdfText } from './pdf-text-reader';
import { procStat, processGroupMembers } from './process-tree';

const ctx: ReportContext = {
  clientName: 'Ada Lovelace',
  tin: '123-45-6789',
  firmName: 'Babbage & Co CPAs',
  taxYear: 2025,
  method: 'fifo',
  rounding: 'dollars',
  incomeSchedule: 'schedule1',
  version: 3,
  generatedAt: '2026-02-01T10:00:00.000Z',
};

function row(id: string, o: { box: DisposalRow['formBox']; proceeds: string; basis: string; formBasis?: string; qty?: string; asset?: string; acquired?: string }): DisposalRow {
  const proceeds = dec(o.proceeds);
  const basis = dec(o.basis);
  const formBasis = dec(o.formBasis ?? o.basis);
  const codeB = !formBasis.equals(basis);
  const long = ['J', 'K', 'L'].includes(o.box);
  return {
    eventId: id, eventType: 'sell', leg: 'principal', taxYear: 2025, account: 'coinbase', asset: o.asset ?? 'BTC', quantity: dec(o.qty ?? '1'),
    description: `${o.qty ?? '1'} ${o.asset ?? 'BTC'}`, dateAcquired: o.acquired ?? (long ? '2023-01-15' : '2025-01-15'), dateSold: '2025-06-30',
    proceeds, costBasis: basis, formCostBasis: formBasis, adjustmentCode: codeB ? 'B' : null, adjustmentAmount: codeB ? formBasis.minus(basis) : ZERO,
    gain: proceeds.minus(basis), term: long ? 'long' : 'short', formBox: o.box, method: 'fifo', lotId: `lot-${id}`, lotSourceEventIds: [`buy-${id}`], missingBasis: false,
  };
}

/** Polls until `check` holds or the deadline passes (for process exit, which the OS reports asynchronously). */
async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return true;
}

const gone = (pid: number) => procStat(pid) === undefined && processGroupMembers(pid).length === 0;

describe('PdfRenderer (real Chromium)', () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = new PdfRenderer({ renderTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await renderer.close();
  });

  it('prints Form 8949 and Schedule D that read back with the right boxes, rows, page totals and lines', async () => {
    // Box G: code B row (broker basis 2000, true 2010). Box I: 12 rows of 100.50 / 50 -> 11 on sheet 2, 1 on sheet 3.
    // Box L: a long-term loss of 499.50 -> (500) in whole dollars.
    const rows = [
      row('g1', { box: 'G', qty: '0.5', asset: 'ETH', proceeds: '3000', basis: '2010', formBasis: '2000' }),
      ...Array.from({ length: 12 }, (_, i) => row(`i${i}`, { box: 'I', proceeds: '100.50', basis: '50' })),
      row('l1', { box: 'L', proceeds: '1000', basis: '1499.50' }),
    ];
    const f8949 = buildForm8949(rows, ctx);
    const pdf = await renderer.render(renderForm8949Html(f8949));
    expect(countPdfPages(pdf)).toBe(4);
    const pages = await readPdfText(pdf);
    expect(pages).toHaveLength(4);
    for (const p of pages) {
      expect(p.lines.some((l) => l.includes('Ada Lovelace') && l.includes('123-45-6789'))).toBe(true);
    }
    const checked = (p: (typeof pages)[number]) => p.lines.filter((l) => /^X \([A-L]\)/.test(l)).map((l) => l.slice(0, 5));
    expect(pages.map(checked)).toEqual([['X (G)'], ['X (I)'], ['X (I)'], ['X (L)']]);
    expect(pages[0].lines.some((l) => l.startsWith('(H) Short-term transactions reported on Form(s) 1099-DA'))).toBe(true);
    expect(pages[0].lines).toContain('0.5 ETH 01/15/2025 06/30/2025 3,000 2,000 B (10) 990');
    expect(pages[0].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/Schedule D, line 1b \(Box G checked\) 3,000 2,000 \(10\) 990$/);
    // 101 - 50 = 51 per printed row (whole dollars, half up); sheet 2 totals 11 x = 1,111 / 550 / 0 / 561, sheet 3 101 / 50 / 0 / 51.
    expect(pages[1].lines.filter((l) => l === '1 BTC 01/15/2025 06/30/2025 101 50 51')).toHaveLength(11);
    expect(pages[1].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/line 3 \(Box I checked\) 1,111 550 0 561$/);
    expect(pages[2].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/line 3 \(Box I checked\) 101 50 0 51$/);
    expect(pages[2].lines.some((l) => l.startsWith('Box I page 2 of 2'))).toBe(true);
    expect(pages[3].lines).toContain('1 BTC 01/15/2023 06/30/2025 1,000 1,500 (500)');
    expect(pages[3].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/line 10 \(Box L checked\) 1,000 1,500 0 \(500\)$/);

    const sd = await readPdfText(await renderer.render(renderScheduleDHtml(buildScheduleD(f8949))));
    const lines = sd.flatMap((p) => p.lines);
    expect(lines).toContain('1b Short-term totals from Forms 8949 with Box A or G checked 3,000 2,000 (10) 990');
    expect(lines).toContain('3 Short-term totals from Forms 8949 with Box C or I checked 1,212 600 0 612');
    expect(lines).toContain('7 Net short-term capital gain or (loss) from lines 1a-3 1,602');
    expect(lines).toContain('10 Long-term totals from Forms 8949 with Box F or L checked 1,000 1,500 0 (500)');
    expect(lines).toContain('15 Net long-term capital gain or (loss) from lines 8a-10 (500)');
    expect(lines).toContain('16 Combine lines 7 and 15 1,102');
  });

  it('prints a large 8949 in chunks and concatenates them into one valid PDF in sheet order', async () => {
    // 25 box I rows -> 3 sheets (11 + 11 + 3); 12 box L rows -> 2 sheets; chunks of 2 sheets -> 3 documents.
    const rows = [
      ...Array.from({ length: 25 }, (_, i) => row(`s${i}`, { box: 'I', proceeds: `${i + 1}`, basis: '0' })),
      ...Array.from({ length: 12 }, (_, i) => row(`l${i}`, { box: 'L', proceeds: '10', basis: '4' })),
    ];
    const chunks = renderForm8949HtmlChunks(buildForm8949(rows, ctx), 2);
    expect(chunks).toHaveLength(3);
    const pdf = await renderer.renderChunks(chunks);
    // Every xref entry points at its object.
    const text = pdf.toString('latin1');
    const xref = text.slice(Number(/startxref\n(\d+)/.exec(text.slice(-64))?.[1]));
    const entries = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries.length).toBeGreaterThan(10);
    for (const at of entries) expect(text.slice(at, at + 12)).toMatch(/^\d+ 0 obj/);
    const pages = await readPdfText(pdf);
    expect(pages.map((p) => p.lines.find((l) => l.startsWith('Box '))?.slice(0, 32))).toEqual([
      'Box I page 1 of 3 · sheet 1 of 5',
      'Box I page 2 of 3 · sheet 2 of 5',
      'Box I page 3 of 3 · sheet 3 of 5',
      'Box L page 1 of 2 · sheet 4 of 5',
      'Box L page 2 of 2 · sheet 5 of 5',
    ]);
    // Sheet 3 holds rows 23-25: proceeds 23 + 24 + 25 = 72.
    expect(pages[2].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/ 72 0 0 72$/);
    expect(pages[4].lines.find((l) => l.startsWith('2 Totals'))).toMatch(/ 10 4 0 6$/);
  });

  it('fits 14 rows with the longest descriptions on one 2024 sheet (cents)', async () => {
    const ctx2024: ReportContext = { ...ctx, taxYear: 2024, rounding: 'cents' };
    const rows = Array.from({ length: 14 }, (_, i) => ({
      ...row(`w${i}`, { box: 'C', qty: '12345.123456789', asset: 'WRAPPEDSTAKEDETHEREUMLIQUIDITYPOOLTOKEN', proceeds: '1234567.891', basis: '1234.5' }),
      taxYear: 2024, dateAcquired: '2024-01-15', dateSold: '2024-06-30',
    }));
    const pdf = await renderer.render(renderForm8949Html(buildForm8949(rows, ctx2024)));
    expect(countPdfPages(pdf)).toBe(1);
    const lines = (await readPdfText(pdf))[0].lines;
    expect(lines.some((l) => l.startsWith('X (C) Short-term transactions not reported to you on Form 1099-B'))).toBe(true);
    // 1,234,567.89 - 1,234.50 = 1,233,333.39 per row; x 14 = 17,283,950.46 / 17,283.00 / 17,266,667.46.
    expect(lines.find((l) => l.startsWith('2 Totals'))).toMatch(/line 3 \(Box C checked\) 17,283,950\.46 17,283\.00 0\.00 17,266,667\.46$/);
  });

  it('prints the income report with the Schedule 1 line', async () => {
    const income = [
      { eventId: 'i1', taxYear: 2025, date: '2025-01-05', account: 'kraken', kind: 'staking' as const, asset: 'ETH', quantity: dec('0.01'), usdValue: dec('10.50'), priced: true },
      { eventId: 'i2', taxYear: 2025, date: '2025-02-07', account: 'kraken', kind: 'airdrop' as const, asset: 'ARB', quantity: dec('100'), usdValue: dec('99.49'), priced: true },
    ];
    const lines = (await readPdfText(await renderer.render(renderIncomeHtml(buildIncomeReport(income, ctx))))).flatMap((p) => p.lines);
    expect(lines).toContain('Schedule 1, line 8v 110');
    expect(lines).toContain('Total digital asset income 110');
    expect(lines).toContain('2025-02 1 99');
  });

  it('reuses one browser across renders, also concurrent ones', async () => {
    const launches = renderer.launches;
    const pid = await renderer.browserPid();
    const html = renderForm8949Html(buildForm8949([row('a', { box: 'I', proceeds: '1', basis: '0' })], ctx));
    const pdfs = await Promise.all([1, 2, 3, 4].map(() => renderer.render(html)));
    expect(pdfs.map((p) => countPdfPages(p))).toEqual([1, 1, 1, 1]);
    expect(renderer.launches).toBe(launches);
    expect(await renderer.browserPid()).toBe(pid);
  });

  it('a render past its timeout fails, the page is closed, and the browser keeps serving', async () => {
    const big = renderForm8949Html(buildForm8949(Array.from({ length: 3000 }, (_, i) => row(`t${i}`, { box: 'I', proceeds: '2', basis: '1' })), ctx));
    const before = await renderer.browserPid();
    const launches = renderer.launches;
    await expect(renderer.render(big, { timeoutMs: 1 })).rejects.toBeInstanceOf(PdfRenderTimeoutError);
    expect(await renderer.browserPid()).toBe(before);
    // The closed page's renderer process exits; Chromium reaps it (a zombie may show for a moment, never for long).
    expect(await until(() => processGroupMembers(before as number).every((p) => p.state !== 'Z'))).toBe(true);
    const pdf = await renderer.render(renderForm8949Html(buildForm8949([row('b', { box: 'I', proceeds: '1', basis: '0' })], ctx)));
    expect(countPdfPages(pdf)).toBe(1);
    expect(renderer.launches).toBe(launches);
  });

  it('a stuck render past its timeout gets the browser killed: no zombie or orphan left, the next render relaunches', async () => {
    // No grace: a timed-out page is not waited for, the browser's whole process group is killed at once.
    const r = new PdfRenderer({ stuckPageGraceMs: 0 });
    try {
      const small = renderForm8949Html(buildForm8949([row('k', { box: 'I', proceeds: '1', basis: '0' })], ctx));
      await r.render(small);
      const pid = (await r.browserPid()) as number;
      const members = processGroupMembers(pid).map((p) => p.pid);
      expect(members.length).toBeGreaterThan(1);
      const big = renderForm8949Html(buildForm8949(Array.from({ length: 3000 }, (_, i) => row(`u${i}`, { box: 'I', proceeds: '2', basis: '1' })), ctx));
      await expect(r.render(big, { timeoutMs: 200 })).rejects.toBeInstanceOf(PdfRenderTimeoutError);
      // Chromium and every process it started (renderers, GPU, utility) are gone and reaped.
      expect(await until(() => gone(pid) && members.every((m) => procStat(m) === undefined))).toBe(true);
      expect(await r.browserPid()).toBeUndefined();
      expect(countPdfPages(await r.render(small))).toBe(1);
      expect(r.launches).toBe(2);
    } finally {
      await r.close();
    }
  });

  it('relaunches after Chromium is killed from outside, and the killed processes are reaped', async () => {
    const html = renderForm8949Html(buildForm8949([row('c', { box: 'I', proceeds: '1', basis: '0' })], ctx));
    await renderer.render(html);
    const pid = await renderer.browserPid();
    expect(pid).toBeDefined();
    const launches = renderer.launches;
    process.kill(-(pid as number), 'SIGKILL');
    expect(await until(() => gone(pid as number))).toBe(true);
    expect(countPdfPages(await renderer.render(html))).toBe(1);
    expect(renderer.launches).toBe(launches + 1);
    expect(await renderer.browserPid()).not.toBe(pid);
  });

  it('close() ends the browser process group', async () => {
    const r = new PdfRenderer();
    await r.render('<!DOCTYPE html><html><body>x</body></html>');
    const pid = await r.browserPid();
    await r.close();
    expect(await until(() => gone(pid as number))).toBe(true);
    await expect(r.render('<p>late</p>')).rejects.toThrow(/closed/);
  });
});
