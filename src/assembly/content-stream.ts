/**
 * A page's content stream (ISO 32000-1, 8 and 9) written directly from the laid-out items: one text
 * object per run of text items with font, size and colour set only when they change, the rules, and the
 * QR code as filled rectangles. Each run of items with the same tag is one marked-content sequence
 * (14.6, 14.7.4): `/P <</MCID n>> BDC … EMC` for an element's content, `/Artifact` for headers and
 * footers, so that nothing on the page is outside both. Deflated with Node's zlib.
 */
import { deflateSync } from 'node:zlib';
import type { DocumentFonts, FontStyle } from './fonts';
import type { PageItem, Tone } from './page-layout';
import { qrModules } from './qr-code';
import { isArtifact, type ContentTag, type StructureElement } from './structure';

/** The names the page's /Resources /Font dictionary gives the faces. */
export const FONT_RESOURCE: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' };

const TONE_RGB: Record<Tone, string> = { ink: '0 0 0', muted: '0.33 0.33 0.33' };

export function formatNumber(value: number): string {
  const text = value.toFixed(3).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

export interface PageContent {
  /** The deflated content stream. */
  data: Uint8Array;
  /** The element of each marked-content identifier, MCID 0 first. */
  marked: StructureElement[];
}

export function pageContent(items: readonly PageItem[], fonts: DocumentFonts): PageContent {
  const ops: string[] = [];
  const marked: StructureElement[] = [];
  let sequence: ContentTag | undefined;
  let inText = false;
  let font = '';
  let tone = '';
  const endText = (): void => {
    if (inText) ops.push('ET');
    inText = false;
    font = '';
    tone = '';
  };
  const endSequence = (): void => {
    endText();
    if (sequence) ops.push('EMC');
    sequence = undefined;
  };
  for (const item of items) {
    // The widget is the field's own annotation (signature-fields.ts); the page content stays empty there.
    if (item.kind === 'signature-field') continue;
    if (item.tag !== sequence) {
      endSequence();
      sequence = item.tag;
      if (isArtifact(sequence)) {
        ops.push(`/Artifact <</Type /Pagination /Subtype /${sequence.artifact}>> BDC`);
      } else {
        ops.push(`/${sequence.type} <</MCID ${marked.length}>> BDC`);
        marked.push(sequence);
      }
    }
    switch (item.kind) {
      case 'text': {
        if (!inText) ops.push('BT');
        inText = true;
        const fontOp = `/${FONT_RESOURCE[item.style]} ${formatNumber(item.size)} Tf`;
        if (fontOp !== font) ops.push((font = fontOp));
        const toneOp = `${TONE_RGB[item.tone]} rg`;
        if (toneOp !== tone) ops.push((tone = toneOp));
        ops.push(`1 0 0 1 ${formatNumber(item.x)} ${formatNumber(item.y)} Tm ${fonts[item.style].encode(item.text)} Tj`);
        break;
      }
      case 'rule':
        endText();
        ops.push(`q ${TONE_RGB.muted} RG 0.5 w ${formatNumber(item.x1)} ${formatNumber(item.y)} m ${formatNumber(item.x2)} ${formatNumber(item.y)} l S Q`);
        break;
      case 'qr': {
        endText();
        const { size, runs } = qrModules(item.url);
        const module = item.size / size;
        ops.push(`q ${TONE_RGB.ink} rg`);
        for (const run of runs) {
          const x = item.x + run.column * module;
          const y = item.y + (size - 1 - run.row) * module;
          ops.push(`${formatNumber(x)} ${formatNumber(y)} ${formatNumber(run.length * module)} ${formatNumber(module)} re`);
        }
        ops.push('f Q');
        break;
      }
    }
  }
  endSequence();
  return { data: deflateSync(Buffer.from(ops.join('\n'), 'latin1')), marked };
}
