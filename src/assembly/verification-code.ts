/**
 * The short verification code printed on every page and behind the QR code (`/verifiera/<code>`):
 * 40 bits of SHA-256 over the canonical extract, the creation time and, for a protocol PDF made elsewhere,
 * that PDF's SHA-256, in Crockford's base 32
 * (no I, L, O, U: nothing to misread when typed from paper), written XXXX-XXXX.
 */
import { createHash } from 'node:crypto';
import { protocolMetaSchema, type ProtocolMeta } from '../domain/extract';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const VERIFICATION_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * The extract as one string: parsing orders the keys as the schema does, whatever order the input had
 * (protocolMetaSchema gives an extract with sections exactly what extractSchema gives).
 */
export function canonicalExtract(extract: ProtocolMeta): string {
  return JSON.stringify(protocolMetaSchema.parse(extract));
}

/** `protocolPdf`: the protocol made elsewhere whose pages the document keeps, so that another PDF gets another code. */
export function verificationCodeFor(extract: ProtocolMeta, createdAt: Date, protocolPdf?: Uint8Array): string {
  const hash = createHash('sha256').update(canonicalExtract(extract)).update('\n').update(createdAt.toISOString());
  if (protocolPdf) hash.update('\n').update(createHash('sha256').update(protocolPdf).digest('hex'));
  const digest = hash.digest();
  // 40 bits = 8 symbols of 5 bits.
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]);
  let code = '';
  for (let i = 7; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A code as a person types it from paper: lower case, spaces or no hyphen, and the letters Crockford's
 * base 32 reads as digits (O as 0, I and L as 1). Answers XXXX-XXXX, or undefined when it cannot be a code.
 */
export function normalizeVerificationCode(typed: string): string | undefined {
  const symbols = typed.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(symbols)) return undefined;
  return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}
