import { createHmac } from 'node:crypto';
import { isSignerPseudonym, signerPseudonym, signerSerialNumber } from '../../../src/domain/signer-pseudonym';

const SECRET = 'a'.repeat(32);
const TODAY = new Date('2026-05-01T00:00:00Z');
// Johan Nilsson of the example extract (fictitious, Luhn-valid).
const JOHAN = '196504127793';

describe('signerPseudonym', () => {
  it('is PSEUDO: and 32 base32 characters of HMAC-SHA256(secret, the 12 digits)', () => {
    const pseudonym = signerPseudonym(JOHAN, SECRET, TODAY);
    expect(pseudonym).toMatch(/^PSEUDO:[A-Z2-7]{32}$/);
    expect(isSignerPseudonym(pseudonym)).toBe(true);
    // The first 5 bytes of the MAC are the first 8 base32 characters.
    const mac = createHmac('sha256', SECRET).update(JOHAN).digest();
    const firstForty = mac.readUIntBE(0, 5);
    const expected = Array.from({ length: 8 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(firstForty / 2 ** (35 - 5 * i)) % 32]).join('');
    expect(pseudonym.slice(7, 15)).toBe(expected);
  });

  it('is the same for every way of writing the number: 12 or 10 digits, with "-" or "+" or none', () => {
    const forms = ['196504127793', '19650412-7793', ' 19650412-7793 ', '6504127793', '650412-7793'];
    expect(new Set(forms.map((form) => signerPseudonym(form, SECRET, TODAY)))).toEqual(new Set([signerPseudonym(JOHAN, SECRET, TODAY)]));
    // "+" marks a person of 100 or more: 1865, not 1965.
    expect(signerPseudonym('650412+7793', SECRET, TODAY)).toBe(signerPseudonym('186504127793', SECRET, TODAY));
    expect(signerPseudonym('650412+7793', SECRET, TODAY)).not.toBe(signerPseudonym(JOHAN, SECRET, TODAY));
  });

  it('is stable and depends on the secret and on the person', () => {
    expect(signerPseudonym(JOHAN, SECRET, TODAY)).toBe(signerPseudonym(JOHAN, SECRET, new Date('2030-01-01T00:00:00Z')));
    expect(signerPseudonym(JOHAN, 'b'.repeat(32), TODAY)).not.toBe(signerPseudonym(JOHAN, SECRET, TODAY));
    expect(signerPseudonym('198211054427', SECRET, TODAY)).not.toBe(signerPseudonym(JOHAN, SECRET, TODAY));
  });

  it('holds no form of the personnummer and is no ETSI semantics identifier', () => {
    const pseudonym = signerPseudonym(JOHAN, SECRET, TODAY);
    expect(pseudonym).not.toMatch(/\d{6}/);
    expect(pseudonym).not.toMatch(/^[A-Z]{3}[A-Z]{2}-|^[A-Z]{2}:/);
    expect(isSignerPseudonym(JOHAN)).toBe(false);
    expect(isSignerPseudonym(`PNOSE-${JOHAN}`)).toBe(false);
  });

  it('refuses a number that is not a personnummer, naming the field', () => {
    expect(() => signerPseudonym('19650412-7794', SECRET, TODAY, '--personnummer')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: '--personnummer' }));
  });
});

describe('signerSerialNumber', () => {
  it('gives the pseudonym by default, the 12 digits under the personnummer policy, nothing without a number', () => {
    expect(signerSerialNumber({ kind: 'pseudonym', secret: SECRET }, '650412-7793', TODAY)).toBe(signerPseudonym(JOHAN, SECRET, TODAY));
    expect(signerSerialNumber({ kind: 'personnummer' }, '650412-7793', TODAY)).toBe(JOHAN);
    expect(signerSerialNumber({ kind: 'pseudonym', secret: SECRET }, undefined, TODAY)).toBeUndefined();
  });
});
