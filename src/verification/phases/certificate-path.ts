/**
 * Phases "revocation" and "certificate path": what the document carries for path building and revocation
 * (the /DSS and /VRI certificates, CRLs and OCSP responses; each CMS adds its own as it is checked) goes
 * into one ValidationContext; then each signer's path is validated at
 * the proven time, or now when nothing proves an earlier time (ETSI EN 319 102-1, 5.2.6 and 5.6.2).
 */
import type { CryptoProvider } from '../../crypto/crypto-provider';
import { ParsedCertificate } from '../../pki/certificate';
import { validatePath, ValidationContext } from '../path/validate-path';
import type { ValidationData } from './open-document';
import type { SignatureRecord } from './signature-records';

export function createValidationContext(crypto: CryptoProvider, trustAnchors: readonly Uint8Array[], validationData: ValidationData | undefined, documentBytes?: Uint8Array): ValidationContext {
  const context = new ValidationContext(crypto, trustAnchors.map((der) => ParsedCertificate.fromDer(der)), documentBytes);
  for (const der of validationData?.certificates ?? []) context.addDer(der);
  if (validationData) context.addRevocationData(validationData);
  return context;
}

export async function validateSignerPaths(context: ValidationContext, records: readonly SignatureRecord[], now: Date, hasDss: boolean): Promise<void> {
  for (const record of records) {
    if (record.facts.kind === 'document-timestamp') {
      record.facts.chain = record.timestamp?.facts.chain;
      record.facts.hasValidationData = (hasDss || context.hasRevocationData) && !!record.facts.chain?.revocationChecked;
      continue;
    }
    const signer = record.signer;
    if (!signer) continue;
    const proven = record.facts.provenTime;
    const chain = await validatePath(context, signer, { purpose: 'signing', time: proven ? new Date(proven.time) : now, timeIsProven: !!proven });
    record.facts.chain = chain;
    record.facts.problems.push(...chain.problems);
    if (chain.trusted && !chain.revocationChecked) record.facts.problems.push({ code: 'REVOCATION_UNKNOWN', detail: 'no CRL or OCSP answer for the signer chain in the document' });
    record.facts.hasValidationData = (hasDss || context.hasRevocationData) && chain.trusted && chain.revocationChecked;
  }
}
