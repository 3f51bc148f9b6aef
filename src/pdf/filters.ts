/**
 * Stream filters (ISO 32000-1, 7.4): FlateDecode with the PNG and TIFF predictors of 7.4.4.4, and
 * nothing else: a strict verifier needs no image codecs, and refusing them keeps the attack surface small.
 * Pure except for inflate.ts, which a browser build swaps.
 */
import { PdfFormatError } from '../errors';
import { inflate } from './inflate';
import { PdfDict } from './objects';

/** One stage of a stream's /Filter with its /DecodeParms, references already resolved. */
export interface FilterStage {
  name: string;
  parms?: PdfDict;
}

/**
 * Decodes `data` through `stages` in order. `maxOutput` caps every stage's output; `what` names the
 * stream in error messages.
 */
export function decodeFilters(data: Uint8Array, stages: readonly FilterStage[], maxOutput: number, what: string): Uint8Array {
  let out = data;
  for (const stage of stages) {
    if (stage.name !== 'FlateDecode' && stage.name !== 'Fl') {
      throw new PdfFormatError(`${what}: filter /${stage.name} is not supported`, { code: 'ERR_PDF_UNSUPPORTED' });
    }
    out = inflate(out, maxOutput, what);
    if (stage.parms) out = applyPredictor(out, stage.parms, what);
  }
  if (out.length > maxOutput) {
    throw new PdfFormatError(`${what}: decoded stream exceeds the limit of ${maxOutput} bytes`, { code: 'ERR_PDF_LIMIT_EXCEEDED' });
  }
  return out;
}

function intParam(parms: PdfDict, key: string, fallback: number, what: string): number {
  const value = parms.get(key);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1 << 24) {
    throw new PdfFormatError(`${what}: /DecodeParms /${key} is not a valid integer`);
  }
  return value;
}

/** 7.4.4.4: undoes /Predictor 2 (TIFF, 8 bits per component) or 10..15 (PNG, a filter byte per row). */
export function applyPredictor(data: Uint8Array, parms: PdfDict, what: string): Uint8Array {
  const predictor = intParam(parms, 'Predictor', 1, what);
  if (predictor === 1) return data;
  const colors = intParam(parms, 'Colors', 1, what);
  const bitsPerComponent = intParam(parms, 'BitsPerComponent', 8, what);
  const columns = intParam(parms, 'Columns', 1, what);
  if (colors < 1 || columns < 1 || ![1, 2, 4, 8, 16].includes(bitsPerComponent)) {
    throw new PdfFormatError(`${what}: /DecodeParms has an invalid /Colors, /Columns or /BitsPerComponent`);
  }
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bitsPerComponent) / 8));
  const rowLength = Math.ceil((colors * bitsPerComponent * columns) / 8);
  if (predictor === 2) {
    if (bitsPerComponent !== 8) {
      throw new PdfFormatError(`${what}: TIFF predictor with ${bitsPerComponent} bits per component is not supported`, { code: 'ERR_PDF_UNSUPPORTED' });
    }
    const out = Uint8Array.from(data);
    for (let row = 0; row + rowLength <= out.length; row += rowLength) {
      for (let i = row + colors; i < row + rowLength; i++) out[i] = (out[i]! + out[i - colors]!) & 0xff;
    }
    return out;
  }
  if (predictor < 10 || predictor > 15) throw new PdfFormatError(`${what}: unknown /Predictor ${predictor}`);
  const stride = rowLength + 1;
  if (data.length % stride !== 0) {
    throw new PdfFormatError(`${what}: PNG-predicted data of ${data.length} bytes is not a whole number of ${stride}-byte rows`);
  }
  const rows = data.length / stride;
  const out = new Uint8Array(rows * rowLength);
  for (let row = 0; row < rows; row++) {
    const type = data[row * stride]!;
    const src = row * stride + 1;
    const dst = row * rowLength;
    const prev = dst - rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[src + i]!;
      const left = i >= bytesPerPixel ? out[dst + i - bytesPerPixel]! : 0;
      const up = row > 0 ? out[prev + i]! : 0;
      const upLeft = row > 0 && i >= bytesPerPixel ? out[prev + i - bytesPerPixel]! : 0;
      let value: number;
      switch (type) {
        case 0: value = raw; break;
        case 1: value = raw + left; break;
        case 2: value = raw + up; break;
        case 3: value = raw + ((left + up) >> 1); break;
        case 4: value = raw + paeth(left, up, upLeft); break;
        default: throw new PdfFormatError(`${what}: unknown PNG row filter ${type} in row ${row}`);
      }
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  if (pa <= pb && pa <= pc) return left;
  return pb <= pc ? up : upLeft;
}
