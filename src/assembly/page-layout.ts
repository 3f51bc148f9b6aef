/**
 * Lays an extract out on A4 pages the way a Swedish protocol extract looks: header on every page (body,
 * PROTOKOLLSUTDRAG, meeting date), the §, title and diarienummer, the sections with their headings, the
 * statements quoted, the documents, and last the "Signerat av" block with a rectangle per required
 * signer where the empty signature field goes; footer with page number and verification code.
 * Every item carries its tag (structure.ts): the element of the reading order it belongs to, or the
 * header or footer artifact. Pure geometry (points, origin bottom left): no PDF objects, so it is
 * testable on its own.
 */
import { STATEMENT_HEADINGS, statementIntro, type Extract, type ProtocolMeta } from '../domain/extract';
import { requiredSigners, roleLabel, type SignerField } from '../domain/roles';
import { fontMetrics, type FontStyle, type MeasureText } from './fonts';
import { FOOTER_ARTIFACT, HEADER_ARTIFACT, addElement, documentElement, type ContentTag, type StructureElement } from './structure';
import { keepSpaces, wrapSpans, type Span, type WrappedLine } from './text-wrap';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = { left: 68, right: 57, top: 42, bottom: 40 } as const;
export const CONTENT_LEFT = MARGIN.left;
export const CONTENT_RIGHT = PAGE_WIDTH - MARGIN.right;
const CONTENT_WIDTH = CONTENT_RIGHT - CONTENT_LEFT;

export type Tone = 'ink' | 'muted';

export interface TextItem {
  kind: 'text';
  text: string;
  /** Left end of the baseline. */
  x: number;
  y: number;
  size: number;
  style: FontStyle;
  tone: Tone;
  tag: ContentTag;
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  x2: number;
  y: number;
  tag: ContentTag;
}

/** Where a visible signature field's widget goes. */
export interface FieldItem {
  kind: 'signature-field';
  field: SignerField;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The /Form element the widget's object reference goes in. */
  tag: StructureElement;
}

/** A QR code, `size` points square, lower left corner at (x, y). */
export interface QrItem {
  kind: 'qr';
  url: string;
  x: number;
  y: number;
  size: number;
  /** The /Figure element with the code's alternative description. */
  tag: StructureElement;
}

export type PageItem = TextItem | RuleItem | FieldItem | QrItem;

export interface ExtractLayout {
  pages: PageItem[][];
  /** The /Document element: the structure in reading order. */
  structure: StructureElement;
  /** The "Signerat av" block on the last page, from its heading's top to its bottom. */
  signatureBlock: { top: number; bottom: number };
}

export interface LayoutOptions {
  verificationCode: string;
  verificationUrl: string;
  measure: MeasureText;
}

const BODY = { size: 10.5, leading: 14.5, paragraphGap: 6 };
const HEADING = { size: 11.5, leading: 15, spaceBefore: 12, spaceAfter: 3 };
const QUOTE_INDENT = 14;
const LIST_INDENT = 12;
const FIELD_HEIGHT = 44;
const SIGNER_ROW_GAP = 8;
const SIGNER_LABEL_WIDTH = 170;
const QR_SIZE = 68;
const FOOTER = { size: 8.5, baseline: MARGIN.bottom + 2, rule: MARGIN.bottom + 16 };
/** Lowest point a body line box may reach: clear of the footer rule. */
const BODY_BOTTOM = FOOTER.rule + 12;

function paragraphsOf(text: string): string[] {
  return text.split(/\n{2,}/);
}

/** A paragraph written as a list item ("- Unga i riskzon"), tagged as one: consecutive ones form a list. */
const LIST_ITEM = /^[-–•] /;

export function formatParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.length === 1 ? `§ ${paragraphs[0]}` : `§§ ${paragraphs.join(', ')}`;
}

/** Places text lines top-down, page after page. */
class Flow {
  readonly pages: PageItem[][] = [[]];
  y: number;

  constructor(
    private readonly bodyTop: number,
    readonly measure: MeasureText,
  ) {
    this.y = bodyTop;
  }

  private get items(): PageItem[] {
    return this.pages[this.pages.length - 1];
  }

  get atPageTop(): boolean {
    return this.y === this.bodyTop;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = this.bodyTop;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.y - height < BODY_BOTTOM && !this.atPageTop) this.newPage();
  }

  space(height: number): void {
    if (!this.atPageTop) this.y -= height;
  }

  /** Places one line; returns its baseline. */
  line(line: WrappedLine, size: number, leading: number, x: number, tag: ContentTag, tone: Tone = 'ink'): number {
    this.keep(leading);
    const baseline = this.y - baselineOffset(size, leading);
    for (const run of line.runs) {
      this.items.push({ kind: 'text', text: run.text, x: x + run.x, y: baseline, size, style: run.style, tone, tag });
    }
    this.y -= leading;
    return baseline;
  }

  /**
   * Wrapped text, the spaces between its lines kept (`continues`: more of the same element follows); with
   * a `marker` (a list bullet, tagged on its own) set in the left margin of its first line.
   */
  text(
    spans: Span[],
    size: number,
    leading: number,
    tag: ContentTag,
    options: { indent?: number; tone?: Tone; marker?: { text: string; tag: ContentTag }; continues?: boolean } = {},
  ): void {
    const indent = options.indent ?? 0;
    const tone = options.tone ?? 'ink';
    keepSpaces(wrapSpans(spans, CONTENT_WIDTH - indent, size, this.measure), options.continues).forEach((line, index) => {
      const baseline = this.line(line, size, leading, CONTENT_LEFT + indent, tag, tone);
      if (index === 0 && options.marker) {
        this.items.push({ kind: 'text', text: options.marker.text, x: CONTENT_LEFT, y: baseline, size, style: 'regular', tone, tag: options.marker.tag });
      }
    });
  }

  /**
   * Paragraphs as /P elements of `parent`; a paragraph whose every line is a list item ("- Unga i
   * riskzon") is an /L with an /LI per line, continued by the next such paragraph. Printed the same.
   */
  paragraphs(text: string, parent: StructureElement, indent = 0): void {
    let list: StructureElement | undefined;
    for (const paragraph of paragraphsOf(text)) {
      const lines = paragraph.split('\n');
      if (lines.every((line) => LIST_ITEM.test(line))) {
        list ??= addElement(parent, 'L');
        for (const line of lines) this.text([{ text: line, style: 'regular' }], BODY.size, BODY.leading, addElement(addElement(list, 'LI'), 'LBody'), { indent });
      } else {
        list = undefined;
        this.text([{ text: paragraph, style: 'regular' }], BODY.size, BODY.leading, addElement(parent, 'P'), { indent });
      }
      this.space(BODY.paragraphGap);
    }
  }

  /** A section heading (/H2 of `parent`), kept on the page with at least two lines of what follows. */
  heading(text: string, parent: StructureElement): void {
    this.space(HEADING.spaceBefore);
    this.keep(HEADING.leading + HEADING.spaceAfter + 2 * BODY.leading);
    this.text([{ text, style: 'bold' }], HEADING.size, HEADING.leading, addElement(parent, 'H2'));
    this.space(HEADING.spaceAfter);
  }

  push(item: PageItem): void {
    this.items.push(item);
  }
}

/** Distance from a line box's top to its baseline, centring the font's ascent–descent in the leading. */
function baselineOffset(size: number, leading: number): number {
  const { ascent, descent } = fontMetrics('regular');
  return (leading - (ascent - descent) * size) / 2 + ascent * size;
}

export function layoutExtract(extract: Extract, options: LayoutOptions): ExtractLayout {
  const { measure } = options;
  const header = layoutHeader(extract, measure);
  const flow = new Flow(header.bodyTop, measure);
  const root = documentElement();

  caseLines(flow, extract, root);

  const { sections } = extract;
  flow.heading('Beslut', root);
  flow.paragraphs(sections.decision, root);
  if (sections.summary) {
    flow.heading('Sammanfattning av ärendet', root);
    flow.paragraphs(sections.summary, root);
  }
  if (sections.decisionProcess) {
    flow.heading('Beslutsgång', root);
    flow.paragraphs(sections.decisionProcess, root);
  }
  for (const statement of sections.statements) {
    flow.heading(STATEMENT_HEADINGS[statement.kind], root);
    flow.paragraphs(statementIntro(statement), root);
    flow.paragraphs(statement.text, addElement(root, 'BlockQuote'), QUOTE_INDENT);
  }
  for (const section of sections.extraSections) {
    flow.heading(section.heading, root);
    flow.paragraphs(section.text, root);
  }
  if (extract.documents.length > 0) {
    flow.heading('Handlingar i ärendet', root);
    const list = addElement(root, 'L');
    for (const document of extract.documents) {
      const item = addElement(list, 'LI');
      const label = addElement(item, 'Lbl');
      flow.text(
        [
          { text: document.id, style: 'bold' },
          { text: document.title, style: 'regular' },
        ],
        BODY.size,
        BODY.leading,
        addElement(item, 'LBody'),
        { indent: LIST_INDENT, marker: { text: '•', tag: label } },
      );
      flow.space(3);
    }
  }
  return finish(flow, header, root, extract, options, 0);
}

/**
 * The page that follows a protocol made elsewhere (assembly/from-pdf.ts): the same header, which
 * protocol the signatures are given for, and the "Signerat av" block. The footer counts the protocol's
 * `precedingPages` too, since the signatures cover them.
 */
export function layoutSignaturePage(meta: ProtocolMeta, options: LayoutOptions & { precedingPages: number }): ExtractLayout {
  const header = layoutHeader(meta, options.measure, 'PROTOKOLL');
  const flow = new Flow(header.bodyTop, options.measure);
  const root = documentElement();
  caseLines(flow, meta, root);
  flow.heading('Signatursida', root);
  const pages = options.precedingPages === 1 ? 'protokollets sida' : `protokollets ${options.precedingPages} sidor`;
  flow.paragraphs(`Underskrifterna nedan gäller hela dokumentet: ${pages} och denna sida.`, root);
  return finish(flow, header, root, meta, options, options.precedingPages);
}

/** The §, title, subtitle and diarienummer that open the text. */
function caseLines(flow: Flow, extract: ProtocolMeta, root: StructureElement): void {
  // One heading for the § and the title: a screen reader announces "§ 12 Stockholms stads …" as one.
  const title = addElement(root, 'H1');
  flow.text([{ text: formatParagraphs(extract.paragraphs), style: 'bold' }], 15, 20, title, { continues: true });
  flow.text([{ text: extract.title, style: 'bold' }], 14, 18, title);
  if (extract.subtitle) flow.text([{ text: extract.subtitle, style: 'regular' }], 11.5, 16, addElement(root, 'P'));
  flow.text([{ text: `Dnr ${extract.caseNumber}`, style: 'regular' }], 10, 15, addElement(root, 'P'));
  if (extract.immediateAdjustment) flow.text([{ text: 'Paragrafen justerades omedelbart.', style: 'regular' }], 10, 15, addElement(root, 'P'));
  flow.space(6);
}

/** Förvaringsplats and secretary, the "Signerat av" block, and header and footer on every page. */
function finish(flow: Flow, header: { items: PageItem[] }, root: StructureElement, extract: ProtocolMeta, options: LayoutOptions, precedingPages: number): ExtractLayout {
  const { measure } = options;
  flow.space(8);
  flow.text([{ text: `Förvaringsplats: ${extract.storageLocation}`, style: 'regular' }], 9, 13, addElement(root, 'P'), { tone: 'muted' });
  flow.text([{ text: `Sekreterare: ${extract.participants.secretary.name}`, style: 'regular' }], 9, 13, addElement(root, 'P'), { tone: 'muted' });

  const signatureBlock = layoutSignatureBlock(flow, root, extract, options);

  const total = precedingPages + flow.pages.length;
  flow.pages.forEach((items, index) => {
    items.push(...header.items, ...footerItems(precedingPages + index + 1, total, options.verificationCode, measure));
  });
  return { pages: flow.pages, structure: root, signatureBlock };
}

function rightAligned(text: string, style: FontStyle, size: number, y: number, tone: Tone, measure: MeasureText, tag: ContentTag): TextItem {
  return { kind: 'text', text, x: CONTENT_RIGHT - measure(text, style, size), y, size, style, tone, tag };
}

/** The header is the same on every page; its height depends on how many lines the body's name takes. */
function layoutHeader(extract: ProtocolMeta, measure: MeasureText, label = 'PROTOKOLLSUTDRAG'): { items: PageItem[]; bodyTop: number } {
  const top = PAGE_HEIGHT - MARGIN.top;
  const labelWidth = measure(label, 'bold', 10);
  const tag = HEADER_ARTIFACT;
  const items: PageItem[] = [rightAligned(label, 'bold', 10, top - 10, 'ink', measure, tag)];
  items.push(rightAligned(`Sammanträdesdatum ${extract.meetingDate}`, 'regular', 9, top - 23, 'muted', measure, tag));
  let baseline = top - 10;
  for (const line of wrapSpans([{ text: extract.body, style: 'bold' }], CONTENT_WIDTH - labelWidth - 24, 10, measure)) {
    items.push({ kind: 'text', text: line.runs[0]?.text ?? '', x: CONTENT_LEFT, y: baseline, size: 10, style: 'bold', tone: 'ink', tag });
    baseline -= 13;
  }
  const ruleY = Math.min(baseline + 13, top - 23) - 9;
  items.push({ kind: 'rule', x1: CONTENT_LEFT, x2: CONTENT_RIGHT, y: ruleY, tag });
  return { items, bodyTop: ruleY - 20 };
}

function footerItems(page: number, total: number, code: string, measure: MeasureText): PageItem[] {
  const tag = FOOTER_ARTIFACT;
  return [
    { kind: 'rule', x1: CONTENT_LEFT, x2: CONTENT_RIGHT, y: FOOTER.rule, tag },
    { kind: 'text', text: `Kontrollkod: ${code}`, x: CONTENT_LEFT, y: FOOTER.baseline, size: FOOTER.size, style: 'regular', tone: 'muted', tag },
    rightAligned(`Sida ${page} av ${total}`, 'regular', FOOTER.size, FOOTER.baseline, 'muted', measure, tag),
  ];
}

/**
 * "Signerat av": heading, the sentence, one row per required signer (role and invited name printed
 * here, the field's widget beside them) and the QR code to the verification page. Kept together:
 * when it does not fit under the text it starts a new page. Tagged as a table, a row per signer: the
 * role (a row header), the name, and the signature field.
 */
function layoutSignatureBlock(flow: Flow, root: StructureElement, extract: ProtocolMeta, options: LayoutOptions): { top: number; bottom: number } {
  const { measure } = options;
  const signers = requiredSigners(extract);
  const fieldX = CONTENT_LEFT + SIGNER_LABEL_WIDTH;
  const qrTextX = CONTENT_LEFT + QR_SIZE + 12;
  const urlLines = keepSpaces(wrapSpans([{ text: options.verificationUrl, style: 'regular' }], CONTENT_RIGHT - qrTextX, 9, measure));
  const qrTextHeight = (2 + urlLines.length) * 12;
  const rows = signers.map((signer) => {
    const nameLines = keepSpaces(wrapSpans([{ text: signer.person.name, style: 'regular' }], SIGNER_LABEL_WIDTH - 10, 10.5, measure));
    return { signer, nameLines, height: Math.max(FIELD_HEIGHT, 16 + nameLines.length * 13) };
  });
  const height =
    20 + // space before
    HEADING.leading +
    BODY.leading +
    10 +
    rows.reduce((sum, row) => sum + row.height + SIGNER_ROW_GAP, 0) +
    10 +
    Math.max(QR_SIZE, qrTextHeight);

  flow.space(20);
  flow.keep(height - 20);
  const top = flow.y;
  flow.text([{ text: 'Signerat av', style: 'bold' }], HEADING.size, HEADING.leading, addElement(root, 'H2'));
  flow.text([{ text: 'Detta dokument har signerats digitalt av följande personer', style: 'regular' }], BODY.size, BODY.leading, addElement(root, 'P'));
  flow.y -= 10;

  const table = addElement(root, 'Table');
  for (const { signer, nameLines, height: rowHeight } of rows) {
    const rowTop = flow.y;
    const row = addElement(table, 'TR');
    const role = addElement(row, 'TH', { scope: 'Row' });
    const name = addElement(row, 'TD');
    const form = addElement(addElement(row, 'TD'), 'Form');
    flow.push({ kind: 'text', text: roleLabel(signer.role), x: CONTENT_LEFT, y: rowTop - 12, size: 9.5, style: 'bold', tone: 'muted', tag: role });
    nameLines.forEach((line, index) => {
      flow.push({ kind: 'text', text: line.runs[0]?.text ?? '', x: CONTENT_LEFT, y: rowTop - 26 - index * 13, size: 10.5, style: 'regular', tone: 'ink', tag: name });
    });
    flow.push({ kind: 'signature-field', field: signer.field, x: fieldX, y: rowTop - FIELD_HEIGHT, width: CONTENT_RIGHT - fieldX, height: FIELD_HEIGHT, tag: form });
    flow.y -= rowHeight + SIGNER_ROW_GAP;
  }

  flow.y -= 10;
  const qrTop = flow.y;
  const bbox = [CONTENT_LEFT, qrTop - QR_SIZE, CONTENT_LEFT + QR_SIZE, qrTop] as const;
  const figure = addElement(root, 'Figure', { alt: `QR-kod till kontrollsidan ${options.verificationUrl}`, bbox });
  flow.push({ kind: 'qr', url: options.verificationUrl, x: CONTENT_LEFT, y: qrTop - QR_SIZE, size: QR_SIZE, tag: figure });
  let baseline = qrTop - 10;
  const qrText = (text: string, style: FontStyle, tag: StructureElement): void => {
    flow.push({ kind: 'text', text, x: qrTextX, y: baseline, size: 9, style, tone: 'ink', tag });
    baseline -= 12;
  };
  qrText('Kontrollera underskrifterna:', 'bold', addElement(root, 'P'));
  const url = addElement(root, 'P');
  for (const line of urlLines) qrText(line.runs[0]?.text ?? '', 'regular', url);
  qrText(`Kontrollkod: ${options.verificationCode}`, 'regular', addElement(root, 'P'));
  flow.y = qrTop - Math.max(QR_SIZE, qrTextHeight);
  return { top, bottom: flow.y };
}
