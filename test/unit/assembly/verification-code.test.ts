/** Codes typed from paper: found however they are written, never turned into a code they are not. */
import { normalizeVerificationCode, VERIFICATION_CODE_PATTERN } from '../../../src/assembly/verification-code';

it.each([
  ['HA12-P7Q9', 'HA12-P7Q9'],
  ['ha12-p7q9', 'HA12-P7Q9'],
  ['ha12p7q9', 'HA12-P7Q9'],
  [' ha12 p7q9 ', 'HA12-P7Q9'],
  ['HA 12 - P7 Q9', 'HA12-P7Q9'],
  ['hai2-p7q9', 'HA12-P7Q9'],
  ['HAl2-P7Q9', 'HA12-P7Q9'],
  ['OOOO-0000', '0000-0000'],
])('reads %p as %p', (typed, code) => {
  expect(normalizeVerificationCode(typed)).toBe(code);
  expect(code).toMatch(VERIFICATION_CODE_PATTERN);
});

it.each(['', 'HA12-P7Q', 'HA12-P7Q9X', 'HAU2-P7Q9', 'HA12_P7Q9', 'HA12-P7Q9-ex2'])('refuses %p', (typed) => {
  expect(normalizeVerificationCode(typed)).toBeUndefined();
});
