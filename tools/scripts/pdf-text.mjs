// Prints the text of a PDF as JSON: {"pages":[{"page":1,"lines":["..."],"items":[{"str","x","y"}]}]}.
// Lines are text items whose baselines are within 2 pt, left to right, joined by single spaces, top to bottom.
// Used by tests through a child process (pdfjs-dist is ESM only; Jest cannot import it). Usage: node pdf-text.mjs <file.pdf>
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node tools/scripts/pdf-text.mjs <file.pdf>\n');
  process.exit(2);
}
const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const items = content.items
    .filter((i) => typeof i.str === 'string' && i.str.trim() !== '')
    .map((i) => ({ str: i.str, x: Math.round(i.transform[4] * 10) / 10, y: Math.round(i.transform[5] * 10) / 10 }));
  // Items whose baselines are within 2 pt belong to one line (a checkbox mark sits a little off the text baseline).
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups = [];
  for (const i of sorted) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.y - i.y <= 2) last.items.push(i);
    else groups.push({ y: i.y, items: [i] });
  }
  const lines = groups.map((g) => g.items.sort((a, b) => a.x - b.x).map((i) => i.str.trim()).join(' '));
  pages.push({ page: n, lines, items });
  page.cleanup();
}
await doc.destroy();
process.stdout.write(JSON.stringify({ pages }) + '\n');
