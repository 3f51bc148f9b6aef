/**
 * Public verification throughput: POST /api/v1/verify with the fully signed example (seal, ordförande,
 * justerare, document timestamp), served by the public router (verification in its worker pool) on
 * 127.0.0.1, loaded by autocannon in its own process so the load generator does not share our event loop.
 * Goal (issue 7): ≥ 300 requests/s with p99 < 50 ms on this machine kind (2 cores).
 * BENCH_PUBLIC_CONNECTIONS (default 8) and BENCH_PUBLIC_SECONDS (default 10) tune the run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { renderExtractPdf } from '../../src/assembly/render-extract-pdf';
import { systemClock } from '../../src/clock';
import { packageRoot } from '../../src/config/paths';
import { parseExtract } from '../../src/domain/extract';
import { addDocumentTimestamp, sealDocument, signField } from '../../src/pades';
import { loadKeys } from '../../src/ca/keys-folder';
import { createPooledVerifier } from '../../src/server/public/public-verifier';
import { createPublicSide } from '../../src/server/public/public-side';
import { migrateToLatest, openDatabase } from '../../src/storage/db';
import { BuiltinTsa } from '../../src/tsa/builtin-tsa';
import { signingContextFor } from '../../src/engines/signing-context';

/** The checkout: this file runs compiled from dist/scripts/bench, or as TypeScript from scripts/bench. */
const root = packageRoot(__dirname);
const CONNECTIONS = Number(process.env.BENCH_PUBLIC_CONNECTIONS ?? 8);
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 10);

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

async function signedExample(): Promise<Buffer> {
  const keys = loadKeys(join(root, 'keys-example'));
  const clock = systemClock;
  const extract = parseExtract(readFileSync(join(root, 'examples/extract-ha-2023-418-p12.json'), 'utf8'));
  const context = signingContextFor(keys, clock);
  const sealed = await sealDocument(await renderExtractPdf(extract, { createdAt: clock.now(), publicBaseUrl: 'http://127.0.0.1' }), context);
  const chair = await signField(sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', location: extract.body, claimedTime: clock.now() });
  const adjuster = await signField(chair, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', location: extract.body, claimedTime: clock.now() });
  return addDocumentTimestamp(adjuster, context);
}

// autocannon's CLI reads `-i <file>` as UTF-8 text, which mangles a binary PDF; its API takes a Buffer body.
// The child process runs that API, so the load generator never shares this process's event loop.
const LOAD_SCRIPT = `
const autocannon = require(process.argv[1]);
const body = require('node:fs').readFileSync(process.argv[3]);
autocannon({ url: process.argv[2], method: 'POST', headers: { 'content-type': 'application/pdf' }, body,
  connections: Number(process.argv[4]), duration: Number(process.argv[5]) }, (error, result) => {
  if (error) { console.error(error); process.exit(1); }
  process.stdout.write(JSON.stringify(result));
});`;

function autocannon(url: string, file: string, seconds: number): Promise<AutocannonResult> {
  return new Promise((done, fail) => {
    const args = ['-e', LOAD_SCRIPT, join(root, 'node_modules/autocannon'), url, file, String(CONNECTIONS), String(seconds)];
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) fail(error);
      else done(JSON.parse(stdout) as AutocannonResult);
    });
  });
}

async function measureOnce(label: string, pdf: Buffer, file: string, cacheTtlMs: number): Promise<void> {
  const keys = loadKeys(join(root, 'keys-example'));
  const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
  const verifier = createPooledVerifier({ trustAnchors: keys.trustAnchors, clock: systemClock, cacheTtlMs });
  const side = createPublicSide({ db, clock: systemClock, keys, timestamper: BuiltinTsa.fromKeys(keys, systemClock), publicBaseUrl: 'http://127.0.0.1' }, { verifyPerMinute: 0, readsPerMinute: 0, verifier });
  const app = express();
  app.use(side.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((done) => server.once('listening', () => done()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/verify`;
  try {
    const check = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf })).json()) as { indication: string; justering: { complete: boolean } };
    if (check.indication !== 'TOTAL_PASSED' || !check.justering?.complete) throw new Error(`the signed example does not verify: ${JSON.stringify(check).slice(0, 300)}`);
    await autocannon(url, file, 2); // warm-up: workers loaded and hot
    const result = await autocannon(url, file, SECONDS);
    const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => `${code}×${count}`).join(' ');
    const met = result.requests.average >= 300 && result.latency.p99 < 50 && result.non2xx === 0;
    console.log(
      `${label.padEnd(60)} ${result.requests.average.toFixed(0)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms` +
        `  (${CONNECTIONS} connections, ${SECONDS} s, ${pdf.length} bytes, statuses ${statuses}, errors ${result.errors})  (goal ≥ 300 req/s, p99 < 50 ms: ${met ? 'met' : 'NOT met'})`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
    await side.close();
    await db.close();
  }
}

export async function run(): Promise<void> {
  const pdf = await signedExample();
  const dir = mkdtempSync(join(tmpdir(), 'bench-public-'));
  const file = join(dir, 'signed.pdf');
  writeFileSync(file, pdf);
  try {
    // Every request verified anew in the worker pool: the cost of a stream of distinct files.
    await measureOnce('POST /api/v1/verify, signed example, every request verified', pdf, file, 0);
    // As the service runs: identical bytes within 30 s share one verification.
    await measureOnce('POST /api/v1/verify, signed example, answer cache (30 s)', pdf, file, 30_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
