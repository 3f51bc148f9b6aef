/**
 * Fixtures for the verifier's tests, made by our own pipeline: fresh keys (initKeys, pinned clock), the
 * example extract assembled, sealed, signed by the ordförande and the justerare, then document-timestamped.
 * Every step's output is kept so tests can attack any stage.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderExtractPdf } from '../../../../src/assembly/render-extract-pdf';
import { fixedClock, type Clock } from '../../../../src/clock';
import { NodeCryptoProvider } from '../../../../src/crypto/node-crypto-provider';
import { parseExtract, type Extract } from '../../../../src/domain/extract';
import { addDocumentTimestamp, sealDocument, signField } from '../../../../src/pades';
import { initKeys, type KeyMaterial } from '../../../../src/ca/keys-folder';
import { verifyPdf } from '../../../../src/verification/verify-pdf';
import type { VerificationReport } from '../../../../src/verification/model';
import { signingContextFor } from '../../../../src/engines/signing-context';

export const SIGNING_TIME = '2023-10-03T07:32:00Z';
export const crypto = new NodeCryptoProvider();

export interface Pipeline {
  keysDir: string;
  keys: KeyMaterial;
  rootPem: string;
  rootDer: Uint8Array;
  extract: Extract;
  clock: Clock;
  assembled: Uint8Array;
  sealed: Uint8Array;
  chairSigned: Uint8Array;
  adjusterSigned: Uint8Array;
  /** Sealed, both signatures, document timestamp: the finished extract. */
  final: Uint8Array;
}

let cached: Promise<Pipeline> | undefined;

export function pipeline(): Promise<Pipeline> {
  cached ??= build();
  return cached;
}

async function build(): Promise<Pipeline> {
  const keysDir = mkdtempSync(join(tmpdir(), 'justera-verify-keys-'));
  const keys = initKeys(keysDir, { organisation: 'Hägersten-Älvsjö stadsdelsnämnd', publicBaseUrl: 'http://localhost:3000', clock: fixedClock('2023-01-01T00:00:00Z') });
  const extract = parseExtract(JSON.parse(readFileSync(join(__dirname, '../../../../examples/extract-ha-2023-418-p12.json'), 'utf8')));
  const clock = fixedClock(SIGNING_TIME);
  const assembled = await renderExtractPdf(extract, { createdAt: new Date('2023-09-22T10:00:00Z'), publicBaseUrl: 'http://localhost:3000' });
  const context = signingContextFor(keys, clock);
  const sealed = await sealDocument(assembled, context);
  const chairSigned = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', location: extract.body, claimedTime: clock.now() });
  const adjusterSigned = await signField(chairSigned, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', location: extract.body, claimedTime: clock.now() });
  const final = await addDocumentTimestamp(adjusterSigned, context);
  const rootPem = readFileSync(join(keysDir, 'root-ca.crt.pem'), 'utf8');
  return { keysDir, keys, rootPem, rootDer: keys.root.certificate, extract, clock, assembled, sealed, chairSigned, adjusterSigned, final };
}

/** Verifies with the pipeline's root as the only trust anchor, at a time after signing. */
export async function verify(bytes: Uint8Array, options: { at?: string; anchors?: Uint8Array[] } = {}): Promise<VerificationReport> {
  const p = await pipeline();
  return verifyPdf(bytes, { trustAnchors: options.anchors ?? [p.rootDer], crypto, clock: fixedClock(options.at ?? '2024-01-15T12:00:00Z') });
}
