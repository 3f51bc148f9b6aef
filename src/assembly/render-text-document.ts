/**
 * A short archival text document (tagged PDF/A-2a and PDF/UA-1): headings, paragraphs and label–value
 * rows flowing over A4 pages with "Sida n av N". Used for the anslag's own PDF and the archivist's
 * verification report; it reuses the extract's fonts, line breaking, tagging and PDF/A metadata, and can
 * pre-lay the invisible seal field so that src/pades sealDocument can seal it. Deterministic for the
 * same input and time. Tags: H1–H3, P, and each label–value row a list item (Lbl, LBody); the footer is
 * an artifact.
 */
import { PDFDocument } from 'pdf-lib';
import { SEAL_FIELD } from '../domain/roles';
import { addPages } from './document-pages';
import { createDocumentFonts, createMeasure, embedDocumentFonts, fontMetrics, unprintableCharacter, type FontStyle } from './fonts';
import { CONTENT_LEFT, CONTENT_RIGHT, MARGIN, PAGE_HEIGHT, type PageItem } from './page-layout';
import { makeArchival } from './pdfa';
import { SEAL_FIELD_DESCRIPTION, addSignatureFields } from './signature-fields';
import { FOOTER_ARTIFACT, addElement, documentElement, type StructureElement } from './structure';
import { writeStructureTree } from './structure-tree';
import { TAGGED_CONFORMANCE } from './xmp';
import { keepSpaces, wrapSpans, type Span } from './text-wrap';
import { documentTime } from './render-extract-pdf';
import { savePdf } from './save-pdf';

/** A label, its value, and the value's language (BCP 47) where it is not the document's. */
export type FactRow = readonly [label: string, value: string, valueLang?: string];

export type TextBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  /** Rows printed "label: value", the label in bold. */
  | { kind: 'facts'; rows: ReadonlyArray<FactRow> };

export interface TextDocument {
  blocks: readonly TextBlock[];
  title: string;
  author: string;
  subject: string;
  /** BCP 47, e.g. sv-SE. */
  language: string;
  createdAt: Date;
  /** Printed at the foot of every page before "Sida n av N". */
  footer: string;
  /** Pre-lay the invisible `sigill` field for the organisation's seal. */
  sealField: boolean;
}

const SIZES = { 1: 16, 2: 13, 3: 11 } as const;
const BODY_SIZE = 10;
const FOOTER_SIZE = 8;
const LINE_GAP = 1.35;

interface Line {
  runs: { text: string; style: FontStyle; x: number; tag: StructureElement }[];
  size: number;
  muted: boolean;
  /** Space before the line. */
  before: number;
}

/** Text the fonts cannot print becomes "?", so a hostile value never stops an archival document. */
function printable(text: string): string {
  const normalized = text.normalize('NFC');
  if (unprintableCharacter(normalized) === undefined) return normalized;
  let out = '';
  for (const char of normalized) out += char === '\n' || unprintableCharacter(char) === undefined ? char : '?';
  return out;
}

/** The blocks as lines, each run tagged with its element under `root`. */
function toLines(blocks: readonly TextBlock[], root: StructureElement): Line[] {
  const measure = createMeasure();
  const width = CONTENT_RIGHT - CONTENT_LEFT;
  const lines: Line[] = [];
  const push = (spans: Span[], size: number, muted: boolean, before: number, tagOf: (style: FontStyle) => StructureElement): void => {
    keepSpaces(wrapSpans(spans, width, size, measure)).forEach((line, index) =>
      lines.push({ runs: line.runs.map((run) => ({ ...run, tag: tagOf(run.style) })), size, muted, before: index === 0 ? before : 0 }),
    );
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading': {
        const heading = addElement(root, `H${block.level}`);
        push([{ text: printable(block.text), style: 'bold' }], SIZES[block.level], false, block.level === 1 ? 0 : 10, () => heading);
        break;
      }
      case 'paragraph': {
        const paragraph = addElement(root, 'P');
        push([{ text: printable(block.text), style: 'regular' }], BODY_SIZE, block.muted ?? false, 5, () => paragraph);
        break;
      }
      case 'facts': {
        const list = addElement(root, 'L');
        block.rows.forEach(([label, value, valueLang], index) => {
          const item = addElement(list, 'LI');
          const tags: Record<FontStyle, StructureElement> = {
            bold: addElement(item, 'Lbl'),
            regular: addElement(item, 'LBody', valueLang === undefined ? {} : { lang: valueLang }),
          };
          push([{ text: `${printable(label)}: `, style: 'bold' }, { text: printable(value), style: 'regular' }], BODY_SIZE, false, index === 0 ? 5 : 1, (style) => tags[style]);
        });
        break;
      }
    }
  }
  return lines;
}

export async function renderTextDocumentPdf(doc: TextDocument): Promise<Uint8Array> {
  const createdAt = documentTime(doc.createdAt);
  const seed = `${doc.title}\n${createdAt.toISOString()}\n${JSON.stringify(doc.blocks)}`;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = createDocumentFonts(pdf.context);
  const ascent = fontMetrics('regular').ascent;

  const top = PAGE_HEIGHT - MARGIN.top;
  const bottom = MARGIN.bottom + 24;
  const pages: PageItem[][] = [[]];
  let y = top;
  const root = documentElement();
  for (const line of toLines(doc.blocks, root)) {
    const height = line.size * LINE_GAP;
    let baseline = y - line.before - line.size * ascent;
    if (baseline < bottom) {
      pages.push([]);
      y = top;
      baseline = y - line.size * ascent;
    }
    for (const run of line.runs) {
      pages[pages.length - 1].push({ kind: 'text', text: run.text, x: CONTENT_LEFT + run.x, y: baseline, size: line.size, style: run.style, tone: line.muted ? 'muted' : 'ink', tag: run.tag });
    }
    y = baseline - (height - line.size * ascent);
  }
  const footer = printable(doc.footer);
  pages.forEach((items, index) => {
    items.push({ kind: 'text', text: `${footer}   Sida ${index + 1} av ${pages.length}`, x: CONTENT_LEFT, y: MARGIN.bottom, size: FOOTER_SIZE, style: 'regular', tone: 'muted', tag: FOOTER_ARTIFACT });
  });
  const pdfPages = addPages(pdf, pages, fonts);
  const lastPage = pdfPages[pdfPages.length - 1].page;

  const widgets = doc.sealField
    ? addSignatureFields(pdf, lastPage, [{ name: SEAL_FIELD, rect: [0, 0, 0, 0], lock: false, description: SEAL_FIELD_DESCRIPTION }], fonts.regular).map((ref) => ({
        ref,
        page: lastPage,
        element: addElement(root, 'Form'),
      }))
    : [];
  writeStructureTree(pdf, root, pdfPages, widgets);
  makeArchival(pdf, {
    title: printable(doc.title),
    author: printable(doc.author),
    subject: printable(doc.subject),
    language: doc.language,
    creatorTool: 'Justera',
    producer: 'Justera (pdf-lib)',
    createdAt,
    conformance: TAGGED_CONFORMANCE,
    idSeed: seed,
    justera: {},
  });
  await embedDocumentFonts(fonts);
  return savePdf(pdf);
}
