/**
 * `justera sign --tsa <url>`: the signature-time-stamp and the document timestamp come from an RFC 3161
 * server over HTTP (here the built-in TSA behind a local HTTP server, as the service serves it at /tsa).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/clock';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { signExtractField } from '../../../src/engines/sign-extract';
import { signingContextFor, timestamperFor } from '../../../src/engines/signing-context';
import { extractSignatures, opensslTsVerify, sha256, signatureTimestamp } from '../../helpers/openssl';
import { assembleSealed, exampleExtract, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  setup = setUp();
  const tsa = BuiltinTsa.fromKeys(setup.keys, systemClock);
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests++;
      void tsa.handleRequest(Buffer.concat(chunks)).then((answer) => {
        response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        response.end(Buffer.from(answer));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  tearDown(setup);
});

it('signs with timestamps fetched over HTTP; pdfsig and openssl ts accept them', async () => {
  const timestamper = timestamperFor(url, setup.keys, systemClock);
  let pdf: Uint8Array = await assembleSealed(exampleExtract(), setup.keys);
  for (const [field, name] of [['ordforande', 'Johan Nilsson'], ['justerare-1', 'Sara Grolander']] as const) {
    pdf = (await signExtractField(pdf, { ...signingContextFor(setup.keys, systemClock, timestamper), field, signer: { person: { name } } })).pdf;
  }
  // Two signature-time-stamps and the document timestamp.
  expect(requests).toBe(3);
  const signatures = pdfsigOf(setup, 'http-tsa.pdf', pdf);
  expect(signatures.map((s) => [s.fieldName, s.signatureValidation])).toEqual([
    ['sigill', 'Signature is Valid.'],
    ['ordforande', 'Signature is Valid.'],
    ['justerare-1', 'Signature is Valid.'],
    ['tidsstampel', 'Signature has not yet been verified.'],
  ]);
  const extracted = extractSignatures(Buffer.from(pdf));
  for (const signature of extracted.slice(1, 3)) {
    const { signatureValue, token } = signatureTimestamp(signature.der);
    expect(opensslTsVerify(token!, sha256(signatureValue), setup.rootPem).output).toMatch(/Verification: OK/);
  }
  const documentTimestamp = extracted[3]!;
  expect(opensslTsVerify(documentTimestamp.der, sha256(documentTimestamp.signedBytes), setup.rootPem).output).toMatch(/Verification: OK/);
});

it('refuses a --tsa that is neither builtin nor an http(s) URL', () => {
  expect(() => timestamperFor('ftp://tsa.example', setup.keys, systemClock)).toThrow(expect.objectContaining({ code: 'ERR_USAGE', field: 'tsa' }));
});
