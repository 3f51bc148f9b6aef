/**
 * Phases "revocation" and "certificate path": what the document carries for path building and revocation
 * (the /DSS certificates and CRLs) goes into one ValidationContext; then each signer's path is validated at
 * the proven time, or now when nothing proves an earlier time (ETSI EN 319 102-1, 5.2.6 and 5.6.2).
 */
import { bytesEqual } from '../../cms/parse-der';
import type { CryptoProvider } from '../../crypto/crypto-provider';
import { parseCertificate, parseCrlShared, validatePath, ValidationContext } from '../path/validate-path';
import type { ValidationData } from './open-document';
import type { SignatureRecord } from './signature-records';

export function createValidationContext(crypto: CryptoProvider, trustAnchors: readonly Uint8Array[], validationData: ValidationData | undefined): ValidationContext {
  const context = new ValidationContext(crypto, trustAnchors.map(parseCertificate));
  for (const der of validationData?.certificates ?? []) context.addDer(der);
  for (const der of validationData?.crls ?? []) {
    // Each signature's update repeats the current CRLs; read each distinct one once.
    if (context.crls.some((crl) => bytesEqual(crl.der, der))) continue;
    try {
      context.crls.push(parseCrlShared(der));
    } catch {
      // an unreadable entry is simply not validation data
    }
  }
  return context;
}

export async function validateSignerPaths(context: ValidationContext, records: readonly SignatureRecord[], now: Date, hasDss: boolean): Promise<void> {
  for (const record of records) {
    if (record.facts.kind === 'document-timestamp') {
      record.facts.chain = record.timestamp?.facts.chain;
      record.facts.hasValidationData = hasDss && !!record.facts.chain?.revocationChecked;
      continue;
    }
    const signer = record.signer;
    if (!signer) continue;
    const proven = record.facts.provenTime;
    const chain = await validatePath(context, signer, { purpose: 'signing', time: proven ? new Date(proven.time) : now, timeIsProven: !!proven });
    record.facts.chain = chain;
    record.facts.problems.push(...chain.problems);
    if (chain.trusted && !chain.revocationChecked) record.facts.problems.push({ code: 'REVOCATION_UNKNOWN', detail: 'no CRL for the signer chain in the document' });
    record.facts.hasValidationData = hasDss && chain.trusted && chain.revocationChecked;
  }
}
