import { loadavg } from 'node:os';
import { dec, ZERO } from '@lotline/ledger';
import type { DisposalRow, FormBox } from '@lotline/tax-engine';
import { buildForm8949, renderForm8949HtmlChunks, SHEETS_PER_CHUNK, type ReportContext } from '@lotline/tax-forms';
import { PdfRenderer } from '../../apps/api/src/reports/pdf/pdf-renderer';
import { countPdfPages } from '../../apps/api/src/reports/pdf/pdf-text-reader';
import { processTree, treeRssBytes } from '../../apps/api/src/reports/pdf/process-tree';

/**
 * npm run bench:pdf -- --rows N [--concurrent C] [--seed S] [--chunk SHEETS]
 * Synthetic N-row Form 8949 (2025, boxes G-L, mixed short/long, some code B rows) -> HTML -> PDF through the real
 * PdfRenderer (one shared Chromium), printed in documents of SHEETS sheets (default SHEETS_PER_CHUNK) that are
 * concatenated. With --concurrent C, C such reports are rendered at once. Times the model, HTML and PDF (browser
 * launch included); peak RSS is sampled every 50 ms over this process and all its descendants (Chromium and its
 * renderers). The last stdout line is one JSON object.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** mulberry32: deterministic synthetic amounts for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASSETS = ['BTC', 'ETH', 'SOL', 'USDC', 'DOGE', 'ADA', 'AVAX', 'MATIC', 'LINK', 'DOT', 'ATOM', 'WRAPPEDSTAKEDETHEREUMLIQUIDTOKEN'];
const SHORT: FormBox[] = ['G', 'H', 'I'];
const LONG: FormBox[] = ['J', 'K', 'L'];

function syntheticRows(n: number, seed: number): DisposalRow[] {
  const rnd = prng(seed);
  const pad = (x: number) => String(x).padStart(2, '0');
  const rows: DisposalRow[] = [];
  for (let i = 0; i < n; i++) {
    const long = rnd() < 0.4;
    const box = (long ? LONG : SHORT)[Math.floor(rnd() * 3)];
    const asset = ASSETS[Math.floor(rnd() * ASSETS.length)];
    const quantity = dec((rnd() * 10).toFixed(8));
    const proceeds = dec((rnd() * 50000).toFixed(2));
    const costBasis = dec((rnd() * 50000).toFixed(2));
    const codeB = box === 'G' && rnd() < 0.1;
    const formCostBasis = codeB ? costBasis.minus(dec((rnd() * 100).toFixed(2))) : costBasis;
    rows.push({
      eventId: `e${i}`, eventType: 'trade', leg: 'principal', taxYear: 2025, account: 'exchange', asset, quantity,
      description: `${quantity.toFixed()} ${asset}`,
      dateAcquired: long ? `2022-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}` : `2025-01-${pad(1 + Math.floor(rnd() * 28))}`,
      dateSold: `2025-${pad(2 + Math.floor(rnd() * 11))}-${pad(1 + Math.floor(rnd() * 28))}`,
      proceeds, costBasis, formCostBasis, adjustmentCode: codeB ? 'B' : null, adjustmentAmount: codeB ? formCostBasis.minus(costBasis) : ZERO,
      gain: proceeds.minus(costBasis), term: long ? 'long' : 'short', formBox: box, method: 'fifo', lotId: `lot${i}`, lotSourceEventIds: [`b${i}`], missingBasis: false,
    });
  }
  return rows;
}

const context: ReportContext = {
  clientName: 'Bench Client', tin: '000-00-0000', firmName: 'Bench CPAs', taxYear: 2025, method: 'fifo', rounding: 'cents',
  incomeSchedule: 'schedule1', version: 1, generatedAt: '2026-01-01T00:00:00.000Z',
};

async function main(): Promise<void> {
  const rows = Number(arg('rows', '10000'));
  const concurrent = Number(arg('concurrent', '1'));
  const seed = Number(arg('seed', '1'));
  const chunk = Number(arg('chunk', String(SHEETS_PER_CHUNK)));
  if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');
  if (!Number.isInteger(concurrent) || concurrent <= 0) throw new Error('--concurrent must be a positive integer');
  const data = Array.from({ length: concurrent }, (_, i) => syntheticRows(rows, seed + i));
  let peak = treeRssBytes(process.pid);
  let peakBreakdown = '';
  const sampler = setInterval(() => {
    const tree = processTree(process.pid);
    const rss = tree.reduce((s, p) => s + p.rssBytes, 0);
    if (rss > peak) {
      peak = rss;
      peakBreakdown = tree.map((p) => `${p.pid === process.pid ? 'node' : p.pid}:${Math.round(p.rssBytes / 1048576)}`).join(' ');
    }
  }, 50);
  const renderer = new PdfRenderer({ renderTimeoutMs: 600_000 });
  const t0 = process.hrtime.bigint();
  let pages: number[] = [];
  let failures = 0;
  try {
    const results = await Promise.allSettled(data.map(async (d) => countPdfPages(await renderer.renderChunks(renderForm8949HtmlChunks(buildForm8949(d, context), chunk)))));
    pages = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    failures = results.filter((r) => r.status === 'rejected').length;
    for (const r of results) if (r.status === 'rejected') process.stderr.write(`render failed: ${String(r.reason)}\n`);
  } finally {
    peak = Math.max(peak, treeRssBytes(process.pid));
    clearInterval(sampler);
    await renderer.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write(`reports=${concurrent} failures=${failures} pagesEach=${pages.join(',')} peakMb[pid:MB]=${peakBreakdown} load=${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  const out: Record<string, number> = { rows, pages: pages.reduce((a, b) => a + b, 0), seconds: Number(seconds.toFixed(3)), peakRssMb: Math.round(peak / 1024 / 1024) };
  if (concurrent > 1) Object.assign(out, { concurrent, failures });
  process.stdout.write(`${JSON.stringify(out)}\n`);
  if (failures > 0) process.exitCode = 1;
}

void main();
