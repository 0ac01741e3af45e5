import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface PdfTextPage {
  readonly page: number;
  readonly lines: readonly string[];
  readonly items: readonly { readonly str: string; readonly x: number; readonly y: number }[];
}

/** tools/scripts/pdf-text.mjs (pdfjs-dist is ESM only, so it runs in a child node process): next to the sources, else under the working directory (bundled api). */
export const PDF_TEXT_SCRIPT = [resolve(__dirname, '../../../../../tools/scripts/pdf-text.mjs'), resolve(process.cwd(), 'tools/scripts/pdf-text.mjs')].find((p) => existsSync(p)) ?? 'tools/scripts/pdf-text.mjs';

/** Text of a PDF, page by page and line by line (for tests and checks of generated reports). */
export async function readPdfText(pdf: Uint8Array): Promise<PdfTextPage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-pdf-text-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [PDF_TEXT_SCRIPT, file], { maxBuffer: 512 * 1024 * 1024 });
    return (JSON.parse(stdout) as { pages: PdfTextPage[] }).pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page count from the PDF's page objects (no parsing library needed). */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
