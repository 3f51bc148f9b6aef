/**
 * Keys, certificates, CMS and timestamps: a per-signature certificate (new P-256 key, issued by the
 * signing CA), a PAdES CMS with the built-in TSA's signature-time-stamp (RSA-2048), and decoding a certificate.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { buildSignedData } from '../../src/pades/build-signed-data';
import { PADES_BASELINE_B } from '../../src/pades/signed-attributes-policy';
import { ParsedCertificate } from '../../src/pki/certificate';
import { issueSignerCertificate } from '../../src/ca/issue-signer-certificate';
import { loadKeys } from '../../src/ca/keys-folder';
import { BuiltinTsa } from '../../src/tsa/builtin-tsa';
import { measure, report } from './measure';

export async function run(): Promise<void> {
  const keys = loadKeys(join(__dirname, '..', '..', '..', 'keys-example'));
  const person = { name: 'Åsa Öberg', givenName: 'Åsa', surname: 'Öberg', personnummer: '198503142386', authnLevel: 'http://id.elegnamnden.se/loa/1.0/loa3' };
  const tsa = BuiltinTsa.fromKeys(keys, systemClock);
  const contentDigest = createHash('sha256').update('signed bytes').digest();
  const signer = issueSignerCertificate(keys, person, { clock: systemClock });

  report('issueSignerCertificate (P-256 key + certificate)', await measure(() => issueSignerCertificate(keys, person, { clock: systemClock }), 2000, 200));
  report('buildSignedData, no timestamp (P-256 signer)', await measure(() => buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer }), 2000, 200));
  report('buildSignedData + BuiltinTsa signature-time-stamp', await measure(() => buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer, timestamper: tsa }), 1000, 100));
  report('ParsedCertificate.fromDer (signer certificate)', await measure(() => ParsedCertificate.fromDer(signer.certificate), 2000, 200));
  report(
    'issueSignerCertificate + buildSignedData + BuiltinTsa',
    await measure(async () => {
      const fresh = issueSignerCertificate(keys, person, { clock: systemClock });
      await buildSignedData({ signedAttributes: PADES_BASELINE_B, digestAlgorithm: 'SHA-256', contentDigest, signer: fresh, timestamper: tsa });
    }, 1000, 100),
  );
}
