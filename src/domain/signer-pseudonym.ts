/**
 * What a signer certificate's subject serialNumber (X.520 2.5.4.5) says about the person. By default a
 * stable pseudonym, so the signed PDF that the anslagstavla publishes carries no personnummer; only a
 * deployment that must follow the Sweden Connect certificate profile puts the personnummer itself there.
 *
 * The pseudonym is `PSEUDO:` + the first 160 bits of HMAC-SHA256(deployment secret, 12-digit personnummer)
 * in RFC 4648 base32 (32 characters, no padding). The prefix is not an ETSI EN 319 412-1 (5.1.3) semantics
 * identifier (those are three letters, a country and "-", as "PNOSE-" for a Swedish personnummer, or two
 * letters and ":"), so no reader of that standard takes it for an identity number. Without the secret the
 * pseudonym cannot be turned back into the personnummer, whose space is small enough to search; with it,
 * the secretary's evidence package resolves the pseudonym to the invited person.
 */
import { createHmac } from 'node:crypto';
import { normalizePersonnummer } from './personnummer';
import { BASE32, SIGNER_PSEUDONYM_PREFIX } from './signer-pseudonym-format';

export { isSignerPseudonym, SIGNER_PSEUDONYM_PREFIX } from './signer-pseudonym-format';

const PSEUDONYM_BYTES = 20;

/** What the signer certificate's serialNumber carries: the deployment's choice (SIGNER_CERTIFICATE_ID). */
export type SignerIdentityPolicy = { kind: 'pseudonym'; secret: string } | { kind: 'personnummer' };

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/**
 * The pseudonym of a personnummer (any form normalizePersonnummer accepts: 12 or 10 digits, with or
 * without "-" or "+"); `today` decides the century of a 10-digit number.
 * @throws InputError (field `field`) for a number that is not a valid personnummer.
 */
export function signerPseudonym(personnummer: string, secret: string, today: Date, field = 'personnummer'): string {
  const digits = normalizePersonnummer(personnummer, today, field);
  const mac = createHmac('sha256', secret).update(digits, 'ascii').digest();
  return SIGNER_PSEUDONYM_PREFIX + base32(mac.subarray(0, PSEUDONYM_BYTES));
}

/**
 * The subject serialNumber for a signer under the policy: the pseudonym, or the 12-digit personnummer
 * (Sweden Connect profile); none when the person has no personnummer.
 */
export function signerSerialNumber(policy: SignerIdentityPolicy, personnummer: string | undefined, today: Date, field = 'personnummer'): string | undefined {
  if (personnummer === undefined || personnummer.trim() === '') return undefined;
  return policy.kind === 'pseudonym' ? signerPseudonym(personnummer, policy.secret, today, field) : normalizePersonnummer(personnummer, today, field);
}
