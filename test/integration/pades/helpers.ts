/** Shared setup of the PAdES acceptance tests: keys-example, an NSS database trusting its root, files in a temp folder. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../src/clock';
import { parseExtract, type Extract } from '../../../src/domain/extract';
import { loadKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { assembleExtract } from '../../../src/engines/assemble-extract';
import { organisationSeal } from '../../../src/engines/seal-extract';
import { createNssDatabase } from '../../helpers/nss';
import { runPdfsig, type PdfsigSignature } from '../../helpers/pdfsig';
import { signingContextFor } from '../../../src/engines/signing-context';

export const KEYS_DIR = join(__dirname, '../../../keys-example');

export interface Setup {
  keys: KeyMaterial;
  rootPem: string;
  nss: string;
  dir: string;
}

/** Keys, NSS database and a temp folder for one test file; `tearDown` removes them. */
export function setUp(): Setup {
  const keys = loadKeys(KEYS_DIR);
  const rootPem = readFileSync(join(KEYS_DIR, 'root-ca.crt.pem'), 'utf8');
  return { keys, rootPem, nss: createNssDatabase([rootPem]), dir: mkdtempSync(join(tmpdir(), 'justera-pades-')) };
}

export function tearDown(setup: Setup | undefined): void {
  if (!setup) return;
  rmSync(setup.dir, { recursive: true, force: true });
  rmSync(setup.nss.replace(/^sql:/, ''), { recursive: true, force: true });
}

/**
 * Signing contexts use the real clock: pdfsig checks certificates at the current time, and a signer's
 * one-time certificate is valid for minutes only.
 */
export function context(keys: KeyMaterial, clock: Clock = systemClock) {
  return signingContextFor(keys, clock);
}

export function exampleExtract(changes: (extract: Record<string, unknown>) => void = () => {}): Extract {
  const json = JSON.parse(readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8')) as Record<string, unknown>;
  changes(json);
  return parseExtract(json);
}

export async function assembleSealed(extract: Extract, keys: KeyMaterial, createdAt = systemClock.now()): Promise<Uint8Array> {
  const result = await assembleExtract(extract, { createdAt, publicBaseUrl: 'http://localhost:3000', seal: organisationSeal(keys, { time: createdAt }) });
  return result.pdf;
}

/** pdfsig's report of the signed fields of `pdf` (written to `name` in the temp folder). */
export function pdfsigOf(setup: Setup, name: string, pdf: Uint8Array): PdfsigSignature[] {
  const path = join(setup.dir, name);
  writeFileSync(path, pdf);
  return runPdfsig(path, setup.nss).signatures.filter((signature) => signature.signed);
}

export function isPrefix(before: Uint8Array, after: Uint8Array): boolean {
  return after.length > before.length && Buffer.from(after.subarray(0, before.length)).equals(Buffer.from(before));
}
