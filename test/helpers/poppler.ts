/** Runs poppler's and qpdf's command-line tools on PDF bytes (the independent readers our output must satisfy). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `pdf` to a temporary file for a command-line tool, and removes it afterwards. */
export function withPdfFile<T>(pdf: Uint8Array, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'justera-pdf-'));
  try {
    const path = join(dir, 'file.pdf');
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdftotext(pdf: Uint8Array): string {
  return withPdfFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageBoxes {
  width: number;
  height: number;
  words: WordBox[];
}

/** Every word with its box, top-left origin, from `pdftotext -bbox`. */
export function wordBoxes(pdf: Uint8Array): PageBoxes[] {
  const html = withPdfFile(pdf, (path) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
  const pages: PageBoxes[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words: WordBox[] = [];
    for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: pages.length + 1, text: match[5], xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]) });
    }
    pages.push({ width: Number(size?.[1]), height: Number(size?.[2]), words });
  }
  return pages;
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdffonts(pdf: Uint8Array): FontRow[] {
  const out = withPdfFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object, ID
      const columns = line.trim().split(/\s+/);
      return { name: columns[0], type: columns.slice(1, -6).join(' '), embedded: columns[columns.length - 5] === 'yes' };
    });
}

export function qpdfCheck(pdf: Uint8Array): { status: number; output: string } {
  return withPdfFile(pdf, (path) => {
    const result = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  });
}
