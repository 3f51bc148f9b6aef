/**
 * The text of an uploaded protocol's pages, for the signing page's HTML (issue 16 item 3): pdf.js reads
 * each page's text items, which are grouped into lines by their baseline and into paragraphs by the gaps
 * between lines. A reading aid, never the document: the order is the page's from top to bottom (two
 * columns read across), and a page without text items (a scan) gives no paragraphs, said so on the page.
 */
import type { ProtocolPageText } from '../domain/protocol-text';

/** A text item where it stands on the page: baseline, left edge and width in user space units. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size (the height of the text space in user space units). */
  size: number;
}

interface Line {
  y: number;
  size: number;
  items: PlacedText[];
}

/** Items whose baselines differ by less than this share of the font size stand on one line (sub- and superscripts). */
const SAME_LINE = 0.5;
/** A gap before an item wider than this share of the font size is a space the PDF did not write as a character. */
const WORD_GAP = 0.2;
/** Baselines further apart than this many font sizes: a new paragraph (single and 1.15 line spacing stay within). */
const PARAGRAPH_GAP = 1.5;

function lineText(line: Line): string {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const item of [...line.items].sort((a, b) => a.x - b.x)) {
    if (text !== '' && item.x - end > WORD_GAP * item.size && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' ';
    text += item.text;
    end = item.x + item.width;
  }
  // Control characters (a font's odd mapping) would be no text to read, and are no characters for HTML.
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

function linesOf(items: readonly PlacedText[]): Line[] {
  const lines: Line[] = [];
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) < SAME_LINE * Math.max(line.size, item.size)) {
      line.items.push(item);
      line.size = Math.max(line.size, item.size);
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return lines;
}

/** The page's paragraphs, each as its lines, from the top of the page down. */
export function paragraphsOf(items: readonly PlacedText[]): string[][] {
  const paragraphs: string[][] = [];
  let previous: Line | undefined;
  for (const line of linesOf(items.filter((item) => item.text.trim() !== ''))) {
    const text = lineText(line);
    const paragraph = paragraphs[paragraphs.length - 1];
    if (paragraph && previous && previous.y - line.y <= PARAGRAPH_GAP * Math.max(previous.size, line.size)) paragraph.push(text);
    else paragraphs.push([text]);
    previous = line;
  }
  return paragraphs;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js is an ES module only (a dynamic import from our CommonJS), loaded with the first protocol read. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * The text of the first `protocolPages.length` pages of `pdf` (the protocol's pages in front of our
 * signature page), entry i naming protocolPages[i] as the page of the uploaded protocol. A page pdf.js
 * cannot read gives no paragraphs, as a scan does: the reading aid never refuses a document.
 */
export async function readProtocolText(pdf: Uint8Array, protocolPages: readonly number[]): Promise<ProtocolPageText[]> {
  const { getDocument } = await loadPdfJs();
  // A plain Uint8Array copy (pdf.js refuses a Buffer): pdf.js may hand its input over to its worker.
  const task = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, enableXfa: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const document = await task.promise.catch(() => undefined);
  try {
    const pages: ProtocolPageText[] = [];
    for (const [index, protocolPage] of protocolPages.entries()) {
      const items = document ? await pageItems(document, index + 1).catch(() => []) : [];
      pages.push({ protocolPage, paragraphs: paragraphsOf(items) });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

type PdfJsDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function pageItems(document: PdfJsDocument, pageNumber: number): Promise<PlacedText[]> {
  const page = await document.getPage(pageNumber);
  const content = await page.getTextContent();
  return content.items.flatMap((item) => {
    if (!('str' in item)) return [];
    const [, , c, d, e, f] = item.transform as number[];
    return [{ text: item.str, x: e ?? 0, y: f ?? 0, width: item.width, size: Math.hypot(c ?? 0, d ?? 0) || item.height || 1 }];
  });
}
