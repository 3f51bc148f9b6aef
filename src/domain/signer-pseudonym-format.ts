/**
 * What a signer pseudonym looks like (signer-pseudonym.ts makes them): `PSEUDO:` + 32 base32 characters.
 * Apart from the HMAC that makes them, so that the verifier core can recognise one without a Node module.
 */
export const SIGNER_PSEUDONYM_PREFIX = 'PSEUDO:';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function isSignerPseudonym(serialNumber: string): boolean {
  return new RegExp(`^${SIGNER_PSEUDONYM_PREFIX}[${BASE32}]{32}$`).test(serialNumber);
}
