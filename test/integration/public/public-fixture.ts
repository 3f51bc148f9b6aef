/**
 * The public side on its own, for its HTTP and browser tests: fresh keys (pinned 2023 clock), the example
 * extract assembled, sealed, signed by the ordförande (with his personnummer in the certificate, as a deployment with SIGNER_CERTIFICATE_ID=personnummer or a foreign signer would put it) and the
 * justerare, document-timestamped; stored as the service stores it, then justerad through the public
 * side's own onJusterad hook, with the router served on 127.0.0.1.
 */
import express from 'express';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderExtractPdf } from '../../../src/assembly/render-extract-pdf';
import { fixedClock, type Clock } from '../../../src/clock';
import { parseExtract, type Extract } from '../../../src/domain/extract';
import { addDocumentTimestamp, sealDocument, signField } from '../../../src/pades';
import { initKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { createPublicSide, type PublicSide } from '../../../src/server/public/public-side';
import type { PublicRouterOptions } from '../../../src/server/public/router';
import { insertDocumentVersion, insertExtract } from '../../../src/storage/extracts-repository';
import { insertRevision, putBlob } from '../../../src/storage/pdf-revisions-repository';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { errorHandler, notFoundHandler } from '../../../src/server/http-errors';
import pino from 'pino';
import { startEphemeralServer, type EphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase } from '../storage/test-database';
import { signingContextFor } from '../../../src/engines/signing-context';

/** The chair's personnummer as it is in the example extract: it must never reach a public answer. */
export const CHAIR_PERSONNUMMER = '196504127793';
export const CHAIR_PERSONNUMMER_VARIANTS = ['196504127793', '19650412-7793', '650412-7793', '6504127793'];
export const JUSTERAD_AT = '2023-10-05T08:00:00Z';
export const EXTRACT_ID = 'ex-ha-2023-418-p12';

export interface SignedExample {
  keysDir: string;
  keys: KeyMaterial;
  extract: Extract;
  verificationCode: string;
  revisions: Uint8Array[];
  final: Uint8Array;
}

let cached: Promise<SignedExample> | undefined;

export function signedExample(): Promise<SignedExample> {
  cached ??= build();
  return cached;
}

async function build(): Promise<SignedExample> {
  const keysDir = mkdtempSync(join(tmpdir(), 'justera-public-keys-'));
  const keys = initKeys(keysDir, { organisation: 'Hägersten-Älvsjö stadsdelsnämnd', publicBaseUrl: 'http://127.0.0.1', clock: fixedClock('2023-01-01T00:00:00Z') });
  const extract = parseExtract(JSON.parse(readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8')));
  const clock = fixedClock(JUSTERAD_AT);
  const verificationCode = 'HA12-P7Q9';
  const assembled = await renderExtractPdf(extract, { createdAt: new Date('2023-09-22T10:00:00Z'), publicBaseUrl: 'http://127.0.0.1', verificationCode });
  const context = signingContextFor(keys, clock);
  const sealed = await sealDocument(assembled, context);
  const chair = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson', givenName: 'Johan', surname: 'Nilsson', serialNumber: CHAIR_PERSONNUMMER } }, role: 'Ordförande', location: extract.body, claimedTime: clock.now() });
  const adjuster = await signField(chair, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', location: extract.body, claimedTime: clock.now() });
  const final = await addDocumentTimestamp(adjuster, context);
  return { keysDir, keys, extract, verificationCode, revisions: [assembled, sealed, chair, adjuster, final], final };
}

/** The final PDF with one byte inside the first stream changed: covered by every signature. */
export function tamperedCopy(pdf: Uint8Array): Buffer {
  const copy = Buffer.from(pdf);
  const index = copy.indexOf('stream') + 20;
  copy[index] ^= 0x01;
  return copy;
}

export interface PublicTestService {
  baseUrl: string;
  example: SignedExample;
  database: TestDatabase;
  side: PublicSide;
  anslagId: string;
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** A clock the test moves: pages decide "current" from it at read time. */
export function movableClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => new Date(now.getTime()), set: (iso) => (now = new Date(iso)) };
}

/** Stores the signed example as the service does after the last signature and runs the onJusterad hook. */
export async function storeJusteradExample(database: TestDatabase, side: PublicSide, example: SignedExample, extractId = EXTRACT_ID): Promise<string> {
  const at = JUSTERAD_AT;
  const { extract } = example;
  return database.db.knex.transaction(async (trx) => {
    await insertExtract(trx, {
      id: extractId, state: 'justerad', signingOrder: 'parallel', body: extract.body, meetingDate: extract.meetingDate, paragraphs: extract.paragraphs.join(', '),
      title: extract.title, caseNumber: extract.caseNumber, deadline: '2023-10-05', currentVersion: 1, createdBy: 'test', createdAt: at, updatedAt: at,
    });
    await insertDocumentVersion(trx, { extractId, version: 1, extractJson: JSON.stringify(extract), verificationCode: `${example.verificationCode}${extractId === EXTRACT_ID ? '' : `-${extractId}`}`, createdBy: 'test', createdAt: at });
    let sha = '';
    for (const [index, bytes] of example.revisions.entries()) {
      sha = await putBlob(trx, bytes, at);
      const kind = index === 0 ? 'assembled' : index === example.revisions.length - 1 ? 'timestamped' : 'signed';
      await insertRevision(trx, { extractId, version: 1, seq: index + 1, sha256: sha, kind, field: null, createdAt: at });
    }
    const [anslag] = await side.onJusterad(trx, { extractId, version: 1, finalPdfSha256: sha, justeradAt: new Date(at) });
    return anslag.anslagId;
  });
}

export async function startPublicService(options: PublicRouterOptions = {}): Promise<PublicTestService> {
  const example = await signedExample();
  const database = await createTestDatabase('sqlite');
  const clock = movableClock('2023-10-05T12:00:00Z');
  let side: PublicSide | undefined;
  const server: EphemeralServer = await startEphemeralServer(async (baseUrl) => {
    side = createPublicSide({ db: database.db, clock, keys: example.keys, timestamper: BuiltinTsa.fromKeys(example.keys, clock), publicBaseUrl: baseUrl }, options);
    const app = express();
    app.use(side.router);
    app.use(notFoundHandler);
    app.use(errorHandler(pino({ level: 'silent' })));
    return app;
  });
  const anslagId = await storeJusteradExample(database, side!, example);
  return {
    baseUrl: server.baseUrl,
    example,
    database,
    side: side!,
    anslagId,
    setNow: (iso) => clock.set(iso),
    close: async () => {
      await server.close();
      await side?.close();
      await database.dispose();
    },
  };
}
