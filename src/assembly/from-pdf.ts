/**
 * A protocol PDF made elsewhere (a meeting system, Word) → the document the signers sign: its pages as
 * they are, then our signature page ("Signerat av", verification code, QR code, one empty field per
 * signer), with the same fields and metadata as an extract we lay out (justera-document.ts). The file is
 * rewritten once here, before any signature exists; later changes are incremental updates by src/pades.
 * PDF/A-2b when the protocol is PDF/A with its fonts embedded; otherwise the result says why it is not.
 * When the protocol is tagged and all its pages are kept, our page's structure joins its tree
 * (structure-join.ts): the result is tagged, PDF/A-2a and PDF/UA-1 only where the protocol claims them.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHeader, PDFName, PDFString, PDFHexString, PDFDict, PDFArray } from 'pdf-lib';
import { InputError, JusteraError, PdfFormatError } from '../errors';
import type { ProtocolMeta } from '../domain/extract';
import type { ProtocolConversionNotes } from '../domain/protocol-conversion';
import { allFields } from '../domain/roles';
import { addPages } from './document-pages';
import { createDocumentFonts, createMeasure, embedDocumentFonts } from './fonts';
import { activeContentLeft, archivalState, dropUnreachable, keepPages, signatureEvidence, stripActiveContent, type ArchivalState, type Stripped } from './foreign-pdf';
import { DOCUMENT_LANGUAGE, addJusteraFields, justeraMetadata } from './justera-document';
import { layoutSignaturePage } from './page-layout';
import { makeArchival } from './pdfa';
import { PRODUCER, assertPrintable, documentTime, verificationUrl, type RenderOptions } from './render-extract-pdf';
import { joinStructureTree, structureJoinProblem } from './structure-join';
import { canonicalExtract } from './verification-code';
import type { XmpConformance } from './xmp';
import { savePdf } from './save-pdf';

/** The largest protocol PDF we take: a protocol of a few hundred pages with scanned appendices. */
export const MAX_PROTOCOL_PDF_BYTES = 16 * 1024 * 1024;

/** ISO 32000-1, 7.5.2: the header within the first 1024 bytes (as the public check reads it). */
const PDF_HEADER_WINDOW = 1024;

export interface ProtocolConversion {
  /** The protocol's own pages, kept in front of the signature page. */
  protocolPages: number;
  /** The pages picked for one § (1-based, as given); undefined when the whole protocol is kept. */
  pickedPages?: number[];
  /** A structure tree removed because pages were picked (it would point into the removed pages). */
  structureRemoved: boolean;
  /** The PDF/A the protocol declares (e.g. "PDF/A-1b"), if any. */
  declaredPdfA?: string;
  /** The PDF/UA the protocol declares (e.g. "PDF/UA-1"), if any. */
  declaredPdfUa?: string;
  /** Whether the result is PDF/A-2 (its level in `conformance`); when not, `notPdfA` says why. */
  pdfa: boolean;
  notPdfA: string[];
  stripped: Stripped;
  /** The result is tagged: the protocol's structure tree is kept and our signature page's elements joined it. */
  tagged: boolean;
  /** The protocol is tagged, but our page could not join its tree: why (its tree is kept; the result is not tagged throughout). */
  notJoined?: string;
  /** What the XMP claims: PDF/A-2 level A only for a protocol claiming level A, PDF/UA-1 only for one claiming it, both only when tagged. */
  conformance: XmpConformance;
  /** The result is tagged but claims no PDF/UA: why. */
  notPdfUa?: string;
}

export interface ProtocolDocument {
  pdf: Uint8Array;
  conversion: ProtocolConversion;
}

/** @throws InputError ERR_INPUT_NOT_PDF, ERR_INPUT_TOO_LARGE; PdfFormatError ERR_PDF_MALFORMED; JusteraError ERR_PDF_ENCRYPTED */
async function loadProtocol(bytes: Uint8Array): Promise<PDFDocument> {
  const field = { field: 'protocol' };
  if (bytes.byteLength > MAX_PROTOCOL_PDF_BYTES) {
    throw new InputError(`the protocol PDF is ${bytes.byteLength} bytes; at most ${MAX_PROTOCOL_PDF_BYTES} bytes are accepted`, { ...field, code: 'ERR_INPUT_TOO_LARGE' });
  }
  if (!Buffer.from(bytes.subarray(0, PDF_HEADER_WINDOW)).includes('%PDF-')) {
    throw new InputError('the protocol is not a PDF (no %PDF- header in its first 1024 bytes): export the protocol as PDF and give that file', { ...field, code: 'ERR_INPUT_NOT_PDF' });
  }
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch (cause) {
    throw new PdfFormatError(`the protocol PDF cannot be read: ${(cause as Error).message}`, { ...field, cause });
  }
  if (pdf.isEncrypted) {
    throw new JusteraError('ERR_PDF_ENCRYPTED', 'the protocol PDF is encrypted (password or permissions): export it again without a password or restrictions', field);
  }
  if (pdf.getPageCount() === 0) throw new PdfFormatError('the protocol PDF has no pages', field);
  return pdf;
}

function topLevelFieldNames(pdf: PDFDocument): string[] {
  const fields = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  return (fields?.asArray() ?? []).flatMap((ref) => {
    const title = pdf.context.lookupMaybe(ref, PDFDict)?.get(PDFName.of('T'));
    return title instanceof PDFString || title instanceof PDFHexString ? [title.decodeText()] : [];
  });
}

/**
 * The protocol with our signature page. Refuses (typed errors, `field: "protocol"`) a file that is not a
 * PDF, too large, unreadable, encrypted or already signed; removes JavaScript and embedded files.
 *
 * @example
 * const { pdf, conversion } = await renderProtocolPdf(parseProtocolMeta(json), readFileSync('protokoll.pdf'), { createdAt, publicBaseUrl, verificationCode });
 */
export interface ProtocolOptions extends RenderOptions {
  verificationCode: string;
  /**
   * The pages (1-based) of the § justerad on its own (omedelbar justering, issue 16 item 4): only these
   * are kept. Undefined: the whole protocol.
   */
  pages?: readonly number[];
}

function pickedIndexes(pages: readonly number[], count: number): number[] {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const outside = sorted.filter((page) => !Number.isInteger(page) || page < 1 || page > count);
  if (sorted.length === 0 || outside.length > 0) {
    throw new InputError(`pages must name pages of the protocol, 1 to ${count}${outside.length > 0 ? `; it has no page ${outside.join(', ')}` : ''}`, { field: 'pages' });
  }
  return sorted.map((page) => page - 1);
}

export async function renderProtocolPdf(meta: ProtocolMeta, protocol: Uint8Array, options: ProtocolOptions): Promise<ProtocolDocument> {
  assertPrintable(meta, '');
  const pdf = await loadProtocol(protocol);
  const signed = signatureEvidence(pdf);
  if (signed) {
    throw new JusteraError('ERR_PDF_ALREADY_SIGNED', `the protocol PDF is already signed (${signed}); a signature would break when our page is added: give the protocol before anyone signed it`, { field: 'protocol' });
  }
  const taken = topLevelFieldNames(pdf).filter((name) => (allFields(meta) as string[]).includes(name));
  if (taken.length > 0) {
    throw new InputError(`the protocol PDF already has a form field named ${taken.join(', ')}, a name Justera's signature fields need`, { field: 'protocol', code: 'ERR_PDF_UNSUPPORTED' });
  }
  const picked = options.pages && pickedIndexes(options.pages, pdf.getPageCount());
  const { structureRemoved } = picked ? keepPages(pdf, picked) : { structureRemoved: false };
  const stripped = stripActiveContent(pdf);
  const state = archivalState(pdf);
  const notPdfA = [
    ...(state.declared ? [] : ['the protocol does not declare PDF/A in its XMP metadata']),
    ...(state.unembeddedFonts.length > 0 ? [`not all its fonts are embedded (${state.unembeddedFonts.join(', ')})`] : []),
    ...(state.outputIntentProblem ? [state.outputIntentProblem] : []),
    ...(state.needAppearances ? ['its form asks viewers to draw the fields (/NeedAppearances)'] : []),
  ];

  const createdAt = documentTime(options.createdAt);
  const code = options.verificationCode;
  const url = verificationUrl(options.publicBaseUrl, code);
  const protocolDigest = createHash('sha256').update(protocol).digest('hex');
  const seed = `${canonicalExtract(meta)}\n${createdAt.toISOString()}\n${code}\n${url}\n${protocolDigest}`;
  const protocolPages = pdf.getPageCount();

  // The Info dictionary and the XMP are ours (PDF/A-2 6.6.3 wants them to say the same); the protocol's go.
  pdf.context.trailerInfo.Info = undefined;
  // Our page and the signatures use PDF 1.7 features (ISO 32000-1); the protocol's pages stay valid in it.
  pdf.context.header = PDFHeader.forVersion(1, 7);
  const fonts = createDocumentFonts(pdf.context);
  const layout = layoutSignaturePage(meta, { verificationCode: code, verificationUrl: url, measure: createMeasure(), precedingPages: protocolPages });
  const pages = addPages(pdf, layout.pages, fonts);
  const widgets = addJusteraFields(pdf, pages[pages.length - 1].page, layout, meta, fonts.regular);
  // The fields' /Form elements join the tree now, before the seal: signing never touches the structure.
  const notJoined = state.tagged ? structureJoinProblem(pdf, layout.structure) : undefined;
  const tagged = state.tagged && notJoined === undefined;
  if (tagged) joinStructureTree(pdf, layout.structure, pages, widgets, DOCUMENT_LANGUAGE);
  // Level A and PDF/UA speak of the protocol's pages too: we claim them only where the protocol does.
  const notPdfUa = tagged ? pdfUaProblem(state) : undefined;
  const conformance: XmpConformance = {
    ...(notPdfA.length === 0 && { pdfa: tagged && /^PDF\/A-\da$/.test(state.declared ?? '') ? 'A' : 'B' }),
    pdfua: tagged && notPdfUa === undefined,
  };
  makeArchival(pdf, justeraMetadata(meta, { kind: 'Protokoll', verificationCode: code, createdAt, producer: PRODUCER, idSeed: seed, conformance }));
  await embedDocumentFonts(fonts);

  dropUnreachable(pdf);
  if (activeContentLeft(pdf)) {
    throw new JusteraError('ERR_PDF_ACTIVE_CONTENT', 'the protocol PDF carries JavaScript or an embedded file that could not be removed: export it again without attachments or scripts', { field: 'protocol' });
  }
  const bytes = await savePdf(pdf);
  const conversion: ProtocolConversion = { protocolPages, structureRemoved, pdfa: notPdfA.length === 0, notPdfA, stripped, tagged, conformance };
  if (picked) conversion.pickedPages = picked.map((index) => index + 1);
  if (state.declared) conversion.declaredPdfA = state.declared;
  if (state.declaredUa) conversion.declaredPdfUa = state.declaredUa;
  if (notJoined) conversion.notJoined = notJoined;
  if (notPdfUa) conversion.notPdfUa = notPdfUa;
  return { pdf: bytes, conversion };
}

/** Why a tagged result cannot claim PDF/UA-1, or undefined when it can: the protocol must claim it and pass the rule we can check here (embedded fonts). */
function pdfUaProblem(state: ArchivalState): string | undefined {
  if (state.declaredUa === undefined) return 'the protocol does not claim PDF/UA';
  if (state.declaredUa !== 'PDF/UA-1') return `the protocol claims ${state.declaredUa}, not PDF/UA-1`;
  if (state.unembeddedFonts.length > 0) return `not all the protocol's fonts are embedded (${state.unembeddedFonts.join(', ')}), which PDF/UA-1 requires (7.21.4.1)`;
  return undefined;
}

/** The conversion as the service keeps it for the secretary's page (domain/protocol-conversion.ts). */
export function conversionNotes(conversion: ProtocolConversion): ProtocolConversionNotes {
  const { conformance, stripped } = conversion;
  return {
    keptPages: conversion.pickedPages?.length ?? conversion.protocolPages,
    ...(conversion.declaredPdfA !== undefined && { declaredPdfA: conversion.declaredPdfA }),
    ...(conformance.pdfa !== undefined && { pdfaLevel: conformance.pdfa }),
    notPdfAReasons: conversion.notPdfA,
    tagged: conversion.tagged,
    pdfua: conformance.pdfua,
    ...(conversion.notJoined !== undefined && { notTaggedReason: conversion.notJoined }),
    ...(conversion.structureRemoved && { notTaggedReason: 'its structure tree was removed with the pages not picked' }),
    scriptsRemoved: stripped.scripts,
    filesRemoved: stripped.files,
  };
}

/** The conversion in plain sentences, for the command line (the secretary's page words conversionNotes). */
export function describeConversion(conversion: ProtocolConversion): string[] {
  const picked = conversion.pickedPages;
  const kept = picked ? `page${picked.length === 1 ? '' : 's'} ${picked.join(', ')} of the protocol` : `the protocol's ${conversion.protocolPages} page${conversion.protocolPages === 1 ? '' : 's'}`;
  const lines = [`Kept ${kept} and added the signature page.`];
  if (conversion.structureRemoved) lines.push('Untagged: the protocol was tagged, but its structure tree was removed with the pages not picked.');
  const level = conversion.conformance.pdfa;
  if (level === 'A') {
    lines.push(`PDF/A: the protocol is ${conversion.declaredPdfA}; the result is PDF/A-2a (level A: the protocol claims it, and the signature page is tagged in its structure tree).`);
  } else if (level === 'B') {
    lines.push(`PDF/A: the protocol is ${conversion.declaredPdfA}; the result is PDF/A-2b${conversion.tagged ? ' (not level A: the protocol does not claim it for its pages)' : ''}.`);
  } else {
    lines.push(
      `PDF/A: the result is NOT PDF/A, because ${conversion.notPdfA.join('; ')}. The protocol's pages are kept as they are (nothing was converted); ` +
        'the signature page has embedded fonts, and the document has XMP metadata without a PDF/A claim.',
    );
  }
  if (conversion.stripped.scripts > 0) lines.push(`Removed ${conversion.stripped.scripts} JavaScript action${conversion.stripped.scripts === 1 ? '' : 's'}.`);
  if (conversion.stripped.files.length > 0) lines.push(`Removed ${conversion.stripped.files.length} embedded file${conversion.stripped.files.length === 1 ? '' : 's'}: ${conversion.stripped.files.join(', ')}.`);
  if (conversion.tagged) {
    lines.push("Tagged: the signature page's elements (headings, the signer table, the QR code's figure, a form element per signature field) follow the protocol's own in its structure tree; the result is tagged.");
    lines.push(conversion.conformance.pdfua ? 'PDF/UA: the protocol claims PDF/UA-1 and the signature page is tagged to it; the result claims PDF/UA-1.' : `PDF/UA: not claimed, because ${conversion.notPdfUa}.`);
  }
  if (conversion.notJoined) {
    lines.push(`Tagged: the protocol's structure tree is kept, but the signature page is not in it, because ${conversion.notJoined}; the result claims neither PDF/A level A nor PDF/UA.`);
  }
  return lines;
}

/** "3-4, 6" → [3, 4, 6]: the pages the secretary picks, as typed (`--pages`, the upload's `pages`). */
export function parsePageList(text: string, field: string): number[] {
  const pages: number[] = [];
  for (const part of text.split(',').map((item) => item.trim())) {
    const range = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(part);
    const first = Number(range?.[1]);
    const last = Number(range?.[2] ?? range?.[1]);
    if (!range || first < 1 || last < first) throw new InputError(`${field} must list pages such as "3-4, 6", not "${part}"`, { field });
    for (let page = first; page <= last && pages.length <= 10_000; page++) pages.push(page);
  }
  return pages;
}
