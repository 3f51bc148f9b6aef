/**
 * The QR code to the document's verification page, as runs of dark modules per row (ISO/IEC 18004 via
 * the `qrcode` package), so the page draws it as a handful of filled rectangles: vector, sharp at any
 * zoom, and nothing PDF/A would object to (no image, no transparency).
 */
import { create } from 'qrcode';

/** `length` dark modules from (`row`, `column`), row 0 at the top. */
export interface ModuleRun {
  row: number;
  column: number;
  length: number;
}

export interface QrModules {
  /** Modules per side. */
  size: number;
  runs: ModuleRun[];
}

export function qrModules(text: string): QrModules {
  // Level M survives a smudged print (15 % of the codewords) and keeps the symbol small for a URL.
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = modules;
  const runs: ModuleRun[] = [];
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column++;
      runs.push({ row, column: start, length: column - start });
    }
  }
  return { size, runs };
}
