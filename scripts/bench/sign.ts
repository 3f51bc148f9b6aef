/**
 * Signing: one signature in-process (one-time key and certificate, CMS, built-in timestamp, appearance,
 * DSS update) on the sealed example, and the whole pipeline (assemble with seal, the ordförande's and the
 * justerare's signatures, document timestamp). Goals (issue 3): ≤ 10 ms and ≤ 60 ms median. The DSS is an
 * update of its own after each signature, with CRLs issued after its time-stamp (issue 10).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { parseExtract } from '../../src/domain/extract';
import { loadKeys } from '../../src/ca/keys-folder';
import { assembleExtract } from '../../src/engines/assemble-extract';
import { organisationSeal } from '../../src/engines/seal-extract';
import { signExtractField } from '../../src/engines/sign-extract';
import { measure, report } from './measure';
import { signingContextFor } from '../../src/engines/signing-context';

const ROOT = join(__dirname, '../../..');

export async function run(): Promise<void> {
  const keys = loadKeys(join(ROOT, 'keys-example'));
  const extract = parseExtract(JSON.parse(readFileSync(join(ROOT, 'examples/extract-ha-2023-418-p12.json'), 'utf8')));
  const clock = systemClock;
  const context = signingContextFor(keys, clock);
  const chair = { name: extract.participants.chair.name };
  const adjuster = { name: extract.participants.adjusters[0]!.name };

  const assemble = async () => {
    const createdAt = clock.now();
    return (await assembleExtract(extract, { createdAt, publicBaseUrl: 'http://localhost:3000', seal: organisationSeal(keys, { time: createdAt }) })).pdf;
  };
  const sealed = await assemble();
  report('sign: one signature (cert, CMS, timestamp, appearance, DSS)', await measure(() => signExtractField(sealed, { ...context, field: 'ordforande', signer: { person: chair } })), 10);
  // The CRLs in the DSS must postdate the time-stamp, so a signature in a new second issues both CAs' CRLs
  // anew (the root's RSA-3072 signature is most of it); the loop above mostly stays within one second.
  let at = clock.now().getTime();
  const stepping = { now: () => new Date(at) };
  const stepped = signingContextFor(keys, stepping);
  const inNewSecond = () => {
    at += 1000;
    return signExtractField(sealed, { ...stepped, field: 'ordforande', signer: { person: chair } });
  };
  report('sign: one signature, each in a new second (fresh CRLs)', await measure(inNewSecond), 10);

  const pipeline = async () => {
    const chairSigned = await signExtractField(await assemble(), { ...context, field: 'ordforande', signer: { person: chair } });
    const done = await signExtractField(chairSigned.pdf, { ...context, field: 'justerare-1', signer: { person: adjuster } });
    if (!done.documentTimestamped) throw new Error('the pipeline did not end with a document timestamp');
  };
  report('sign: pipeline (assemble+seal, 2 signatures, doc timestamp)', await measure(pipeline, 100, 10), 60);
}
