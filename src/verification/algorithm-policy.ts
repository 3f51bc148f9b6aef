/**
 * The cryptographic constraints of the validation policy (ETSI EN 319 102-1 5.2.8 "signature acceptance
 * validation", the algorithm part; ETSI TS 119 312 for the sunset dates; the table shape follows EU DSS's
 * CryptographicConstraints). An algorithm past its sunset is acceptable only with a proof of existence
 * (a timestamp) from before the sunset; before it, it is accepted with a warning. Pure: the time to judge
 * at is given.
 */
import type { AlgorithmFacts, Reason } from './model';

/** Hash functions and the date from which signatures made with them are no longer trusted. */
export const DIGEST_SUNSETS: Readonly<Record<string, string>> = {
  // SHA-1 collisions are practical (SHAttered 2017, chosen-prefix 2020); EU DSS and TS 119 312 retire it for signatures.
  'SHA-1': '2019-01-01',
};

/** RSA moduli below `below` bits are trusted until `sunset` (the first row that applies decides). */
export const RSA_KEY_SUNSETS: readonly { below: number; sunset: string }[] = [
  { below: 1024, sunset: '2010-01-01' },
  { below: 2048, sunset: '2019-01-01' },
];

/** EC keys on curves smaller than 256 bits (TS 119 312 requires at least 250). */
export const EC_KEY_SUNSETS: readonly { below: number; sunset: string }[] = [{ below: 250, sunset: '2019-01-01' }];

/**
 * Reasons for every weak or expired algorithm in `facts`, judged at `time`; `proven` says whether that
 * time is a timestamp's proof of existence or merely the validation time. `subject` prefixes the details.
 */
export function judgeAlgorithms(facts: AlgorithmFacts, time: Date, proven: boolean, subject = 'the signature'): Reason[] {
  const weaknesses: { what: string; sunset: string }[] = [];
  const digests = new Set([facts.digest, facts.signatureDigest, facts.imprint, facts.contentDigest].filter((d): d is string => !!d));
  for (const digest of digests) {
    const sunset = DIGEST_SUNSETS[digest];
    if (sunset) weaknesses.push({ what: digest, sunset });
  }
  const bits = facts.key.bits;
  const table = facts.key.type === 'RSA' ? RSA_KEY_SUNSETS : facts.key.type === 'EC' ? EC_KEY_SUNSETS : [];
  const keyRow = bits !== undefined ? table.find((row) => bits < row.below) : undefined;
  if (keyRow) weaknesses.push({ what: `a ${bits}-bit ${facts.key.type} key`, sunset: keyRow.sunset });

  const at = `${proven ? 'proven time' : 'validation time (no proof of existence)'} ${time.toISOString()}`;
  return weaknesses.map(({ what, sunset }): Reason =>
    time.getTime() < Date.parse(`${sunset}T00:00:00Z`)
      ? { code: 'ALGORITHM_WEAK', detail: `${subject} uses ${what}, trusted only until ${sunset}; the ${at} is before it` }
      : { code: 'ALGORITHM_EXPIRED', detail: `${subject} uses ${what}, trusted only until ${sunset}; nothing proves it existed before then (${at})` });
}
