/**
 * Use case "assemble": a validated extract becomes the PDF/A the signers will sign, with its verification
 * code and the fields the justering requires; sealed by the organisation when a seal is given (the seal is
 * a certification signature, so it must be the document's first signature: it is applied here or never).
 */
import { documentTime, renderExtractPdf } from '../assembly/render-extract-pdf';
import { verificationCodeFor } from '../assembly/verification-code';
import type { Extract } from '../domain/extract';
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
  const pdf = options.seal ? await options.seal(unsealed) : unsealed;
  return { pdf, verificationCode, requiredFields: requiredFields(extract), sealed: options.seal !== undefined, createdAt };
}
