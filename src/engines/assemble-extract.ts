/**
 * Use case "assemble": a validated extract becomes the PDF/A the signers will sign, with its verification
 * code and the fields the justering requires; sealed by the organisation when a seal is given (the seal is
 * a certification signature, so it must be the document's first signature: it is applied here or never).
 * `assembleProtocol` does the same for a protocol PDF made elsewhere: its pages, then our signature page.
 */
import { renderProtocolPdf, type ProtocolConversion } from '../assembly/from-pdf';

export { conversionNotes, describeConversion, MAX_PROTOCOL_PDF_BYTES, parsePageList } from '../assembly/from-pdf';
import { documentTime, renderExtractPdf } from '../assembly/render-extract-pdf';
import { verificationCodeFor } from '../assembly/verification-code';
import type { Extract, ProtocolMeta } from '../domain/extract';
import { requiredFields, type SignerField } from '../domain/roles';

/** Applies the organisation's seal to a freshly assembled document (src/pades sealDocument, bound to the keys). */
export type Seal = (pdf: Uint8Array) => Promise<Uint8Array>;

export interface AssembleOptions {
  createdAt: Date;
  publicBaseUrl: string;
  seal?: Seal;
}

export interface AssembledExtract {
  pdf: Uint8Array;
  /** Printed on every page; the service answers `/verifiera/<code>`. */
  verificationCode: string;
  /** The signature fields that must all be signed (ordforande, justerare-1, ...). */
  requiredFields: SignerField[];
  sealed: boolean;
  createdAt: Date;
}

export async function assembleExtract(extract: Extract, options: AssembleOptions): Promise<AssembledExtract> {
  const createdAt = documentTime(options.createdAt);
  const verificationCode = verificationCodeFor(extract, createdAt);
  const unsealed = await renderExtractPdf(extract, { createdAt, publicBaseUrl: options.publicBaseUrl, verificationCode });
  return finish(unsealed, extract, verificationCode, createdAt, options);
}

export interface AssembledProtocol extends AssembledExtract {
  /** What was kept, removed, and whether the result is PDF/A (from-pdf.ts describeConversion). */
  conversion: ProtocolConversion;
}

/** @throws the refusals of renderProtocolPdf (not a PDF, too large, encrypted, already signed, ...) */
export async function assembleProtocol(meta: ProtocolMeta, protocolPdf: Uint8Array, options: AssembleOptions & { pages?: readonly number[] }): Promise<AssembledProtocol> {
  const createdAt = documentTime(options.createdAt);
  const verificationCode = verificationCodeFor(meta, createdAt, protocolPdf);
  const { pdf, conversion } = await renderProtocolPdf(meta, protocolPdf, { createdAt, publicBaseUrl: options.publicBaseUrl, verificationCode, ...(options.pages && { pages: options.pages }) });
  return { ...(await finish(pdf, meta, verificationCode, createdAt, options)), conversion };
}

async function finish(unsealed: Uint8Array, meta: ProtocolMeta, verificationCode: string, createdAt: Date, options: AssembleOptions): Promise<AssembledExtract> {
  const pdf = options.seal ? await options.seal(unsealed) : unsealed;
  return { pdf, verificationCode, requiredFields: requiredFields(meta), sealed: options.seal !== undefined, createdAt };
}
