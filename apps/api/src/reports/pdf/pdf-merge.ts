/**
 * Concatenates PDFs made by Chromium (Skia/PDF: classic xref table, no object streams, no encryption) into one:
 * every object is copied with its number shifted, the pages keep their order and get one new page tree, catalog
 * and xref. Used to print large reports in chunks (Chromium's memory grows with the pages of one document).
 * Anything else (object streams, xref streams) is refused with a clear error rather than merged wrongly.
 */

interface ParsedObject {
  readonly num: number;
  /** Object text up to and including the dictionary (latin1), without "N 0 obj". */
  readonly head: string;
  /** For a stream object the raw bytes after the dictionary (" stream\n...endstream\n"), else empty; endobj is re-added. */
  readonly tail: Buffer;
}

interface ParsedPdf {
  readonly objects: Map<number, ParsedObject>;
  readonly root: number;
  readonly info: number | undefined;
}

const REF = /(\d+) 0 R/g;

function fail(why: string): never {
  throw new Error(`pdf merge: ${why}`);
}

function parse(pdf: Buffer, index: number): ParsedPdf {
  const tailText = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tailText) ?? fail(`document ${index}: no startxref`);
  const xrefAt = Number(sx[1]);
  const after = pdf.subarray(xrefAt).toString('latin1');
  if (!after.startsWith('xref')) fail(`document ${index}: xref streams are not supported`);
  const trailerAt = after.indexOf('trailer');
  if (trailerAt < 0) fail(`document ${index}: no trailer`);
  const offsets: { num: number; at: number }[] = [];
  let num = 0;
  for (const line of after.slice(4, trailerAt).split(/\r?\n/)) {
    const t = line.trim();
    if (t === '') continue;
    const sub = /^(\d+) (\d+)$/.exec(t);
    if (sub) {
      num = Number(sub[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(t) ?? fail(`document ${index}: bad xref line ${JSON.stringify(t)}`);
    if (entry[3] === 'n') offsets.push({ num, at: Number(entry[1]) });
    num++;
  }
  const trailer = after.slice(trailerAt, after.indexOf('startxref', trailerAt));
  if (/\/Encrypt\b/.test(trailer)) fail(`document ${index}: encrypted`);
  const root = Number((/\/Root (\d+) 0 R/.exec(trailer) ?? fail(`document ${index}: no /Root`))[1]);
  const infoMatch = /\/Info (\d+) 0 R/.exec(trailer);
  const sorted = offsets.slice().sort((a, b) => a.at - b.at);
  const objects = new Map<number, ParsedObject>();
  sorted.forEach((o, i) => {
    const end = i + 1 < sorted.length ? sorted[i + 1].at : xrefAt;
    const bytes = pdf.subarray(o.at, end);
    const text = bytes.toString('latin1');
    const header = new RegExp(`^${o.num} 0 obj\\s*`).exec(text) ?? fail(`document ${index}: object ${o.num} not at its xref offset`);
    const streamAt = /(>>)\s*stream\r?\n/.exec(text);
    const endObj = text.lastIndexOf('endobj');
    if (endObj < 0) fail(`document ${index}: object ${o.num} has no endobj`);
    if (streamAt) {
      const headEnd = streamAt.index + 2;
      objects.set(o.num, { num: o.num, head: text.slice(header[0].length, headEnd), tail: bytes.subarray(headEnd, endObj) });
    } else {
      const head = text.slice(header[0].length, endObj).trimEnd();
      if (/\/Type\s*\/ObjStm\b/.test(head)) fail(`document ${index}: object streams are not supported`);
      objects.set(o.num, { num: o.num, head, tail: Buffer.alloc(0) });
    }
  });
  return { objects, root, info: infoMatch ? Number(infoMatch[1]) : undefined };
}

/** Page object numbers in document order (walks nested /Pages nodes). */
function pagesInOrder(doc: ParsedPdf, index: number): { pages: number[]; treeNodes: Set<number> } {
  const catalog = doc.objects.get(doc.root) ?? fail(`document ${index}: missing catalog`);
  const rootPages = Number((/\/Pages (\d+) 0 R/.exec(catalog.head) ?? fail(`document ${index}: catalog without /Pages`))[1]);
  const pages: number[] = [];
  const treeNodes = new Set<number>();
  const walk = (n: number): void => {
    const o = doc.objects.get(n) ?? fail(`document ${index}: missing page tree object ${n}`);
    if (/\/Type\s*\/Pages\b/.test(o.head)) {
      treeNodes.add(n);
      const kids = (/\/Kids\s*\[([^\]]*)\]/.exec(o.head) ?? fail(`document ${index}: /Pages ${n} without /Kids`))[1];
      for (const m of kids.matchAll(REF)) walk(Number(m[1]));
    } else {
      pages.push(n);
    }
  };
  walk(rootPages);
  return { pages, treeNodes };
}

/** One PDF holding the pages of `pdfs` in order. A single input is returned unchanged. */
export function mergePdfs(pdfs: readonly Uint8Array[]): Buffer {
  if (pdfs.length === 0) fail('nothing to merge');
  if (pdfs.length === 1) return Buffer.from(pdfs[0]);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xD3\xEB\xE9\xE1\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  const write = (num: number, head: string, tail: Buffer = Buffer.alloc(0)): void => {
    offsets[num] = length;
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n${head}`, 'latin1'), tail, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  };
  const PAGES = 1;
  const CATALOG = 2;
  let next = 3;
  let info: number | undefined;
  const kids: number[] = [];
  pdfs.forEach((bytes, index) => {
    const doc = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), index);
    const { pages, treeNodes } = pagesInOrder(doc, index);
    const pageSet = new Set(pages);
    const base = next;
    let max = 0;
    for (const n of doc.objects.keys()) max = Math.max(max, n);
    next = base + max + 1;
    const shift = (text: string): string => text.replace(REF, (_, n: string) => `${Number(n) + base} 0 R`);
    for (const o of doc.objects.values()) {
      if (o.num === doc.root || treeNodes.has(o.num)) continue;
      if (o.num === doc.info && index > 0) continue;
      let head = shift(o.head);
      if (pageSet.has(o.num)) head = head.replace(/\/Parent \d+ 0 R/, `/Parent ${PAGES} 0 R`).replace(/\/StructParents \d+\s*/, '');
      write(o.num + base, head, o.tail);
    }
    if (index === 0 && doc.info !== undefined) info = doc.info + base;
    for (const p of pages) kids.push(p + base);
  });
  write(PAGES, `<</Type /Pages\n/Count ${kids.length}\n/Kids [${kids.map((k) => `${k} 0 R`).join(' ')}]>>`);
  write(CATALOG, `<</Type /Catalog\n/Pages ${PAGES} 0 R>>`);
  const xrefAt = length;
  const lines = [`xref\n0 ${next}\n`, '0000000000 65535 f \n'];
  for (let n = 1; n < next; n++) {
    const at = offsets[n];
    lines.push(at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`);
  }
  lines.push(`trailer\n<</Size ${next}\n/Root ${CATALOG} 0 R${info === undefined ? '' : `\n/Info ${info} 0 R`}>>\nstartxref\n${xrefAt}\n%%EOF\n`);
  parts.push(Buffer.from(lines.join(''), 'latin1'));
  return Buffer.concat(parts);
}
