/**
 * `justera sign --tsa <url> [--tsa-chain <pem>]`: the signature-time-stamp and the document timestamp come
 * from an RFC 3161 server over HTTP (here a built-in TSA behind a local HTTP server, as the service serves
 * it at /tsa). An external TSA of another PKI, with its chain given, leaves that chain in the DSS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { fixedClock, systemClock } from '../../../src/clock';
import { initKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { createVerifier } from '../../../src/engines/verify-document';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { signExtractField } from '../../../src/engines/sign-extract';
import { readTsaChain, serviceTsa, signingContextFor, timestamperFor, type TsaSetting } from '../../../src/engines/signing-context';
import { PdfStream } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { pemEncode } from '../../../src/pki/pem';
import { extractSignatures, opensslTsVerify, sha256, signatureTimestamp } from '../../helpers/openssl';
import { KEYS_DIR, assembleSealed, exampleExtract, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

interface TsaServer {
  url: string;
  requests: number;
  server: Server;
}

async function serveTsa(keys: KeyMaterial): Promise<TsaServer> {
  const tsa = BuiltinTsa.fromKeys(keys, systemClock);
  const served: TsaServer = { url: '', requests: 0, server: createServer() };
  served.server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      served.requests++;
      void tsa.handleRequest(Buffer.concat(chunks)).then((answer) => {
        response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        response.end(Buffer.from(answer));
      });
    });
  });
  await new Promise<void>((resolve) => served.server.listen(0, '127.0.0.1', resolve));
  served.url = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}/tsa`;
  return served;
}

let setup: Setup;
let ours: TsaServer;
/** Another organisation's PKI: a TSA whose chain our keys folder knows nothing of. */
let externalDir: string;
let externalKeys: KeyMaterial;
let external: TsaServer;

beforeAll(async () => {
  setup = setUp();
  ours = await serveTsa(setup.keys);
  externalDir = mkdtempSync(join(tmpdir(), 'justera-external-tsa-'));
  externalKeys = initKeys(externalDir, { organisation: 'Extern tidsstämpling AB', publicBaseUrl: 'http://tsa.example', clock: fixedClock('2020-01-01T00:00:00Z') });
  external = await serveTsa(externalKeys);
});

afterAll(async () => {
  for (const served of [ours, external]) await new Promise<void>((resolve) => served.server.close(() => resolve()));
  rmSync(externalDir, { recursive: true, force: true });
  tearDown(setup);
});

/** What pdfsig says of a file `signBoth` made (it does not check the document timestamp). */
const PDFSIG_SIGNED_BOTH = [
  ['sigill', 'Signature is Valid.'],
  ['ordforande', 'Signature is Valid.'],
  ['justerare-1', 'Signature is Valid.'],
  ['tidsstampel', 'Signature has not yet been verified.'],
];

async function signBoth(tsa: TsaSetting): Promise<Uint8Array> {
  const timestamper = timestamperFor(tsa, setup.keys, systemClock);
  let pdf: Uint8Array = await assembleSealed(exampleExtract(), setup.keys);
  for (const [field, name] of [['ordforande', 'Johan Nilsson'], ['justerare-1', 'Sara Grolander']] as const) {
    pdf = (await signExtractField(pdf, { ...signingContextFor(setup.keys, systemClock, timestamper), field, signer: { person: { name } } })).pdf;
  }
  return pdf;
}

/** SHA-256 (hex) of each certificate in the final /DSS /Certs. */
function dssCertificates(pdf: Uint8Array): string[] {
  const file = PdfFile.parse(pdf);
  const dss = file.resolveDict(file.catalog().get('DSS'));
  return (file.resolveArray(dss?.get('Certs')) ?? []).flatMap((item) => {
    const stream = file.resolve(item);
    return stream instanceof PdfStream ? [sha256(file.decodeStream(stream)).toString('hex')] : [];
  });
}

function writeFile(name: string, content: string): string {
  const path = join(setup.dir, name);
  writeFileSync(path, content);
  return path;
}

it('signs with timestamps fetched over HTTP; pdfsig and openssl ts accept them', async () => {
  const before = ours.requests;
  const pdf = await signBoth({ tsa: ours.url });
  // Two signature-time-stamps and the document timestamp.
  expect(ours.requests - before).toBe(3);
  const signatures = pdfsigOf(setup, 'http-tsa.pdf', pdf);
  expect(signatures.map((s) => [s.fieldName, s.signatureValidation])).toEqual(PDFSIG_SIGNED_BOTH);
  const extracted = extractSignatures(Buffer.from(pdf));
  for (const signature of extracted.slice(1, 3)) {
    const { signatureValue, token } = signatureTimestamp(signature.der);
    expect(opensslTsVerify(token!, sha256(signatureValue), setup.rootPem).output).toMatch(/Verification: OK/);
  }
  const documentTimestamp = extracted[3]!;
  expect(opensslTsVerify(documentTimestamp.der, sha256(documentTimestamp.signedBytes), setup.rootPem).output).toMatch(/Verification: OK/);
});

describe('an external TSA of another PKI', () => {
  const externalRootPem = () => pemEncode('CERTIFICATE', externalKeys.root.certificate);
  const externalTsaFingerprint = () => sha256(externalKeys.tsa.certificate).toString('hex');
  const externalRootFingerprint = () => sha256(externalKeys.root.certificate).toString('hex');

  it('with --tsa-chain (TSA_CHAIN): the DSS carries that chain, openssl ts -verify accepts the tokens with it, pdfsig and our verifier too', async () => {
    const chainFile = writeFile('external-tsa-chain.pem', pemEncode('CERTIFICATE', externalKeys.tsa.certificate) + externalRootPem());
    const setting = serviceTsa({ tsaUrl: external.url, tsaChainFile: chainFile });
    expect(setting).toEqual({ tsa: external.url, tsaChain: readTsaChain(chainFile) });
    const pdf = await signBoth(setting);

    expect(dssCertificates(pdf)).toEqual(expect.arrayContaining([externalTsaFingerprint(), externalRootFingerprint()]));
    const extracted = extractSignatures(Buffer.from(pdf));
    const { signatureValue, token } = signatureTimestamp(extracted[1]!.der);
    // The chain file as openssl's untrusted certificates, its root as the only trust anchor.
    expect(opensslTsVerify(token!, sha256(signatureValue), externalRootPem(), readFileSync(chainFile, 'utf8')).output).toMatch(/Verification: OK/);
    const documentTimestamp = extracted[3]!;
    expect(opensslTsVerify(documentTimestamp.der, sha256(documentTimestamp.signedBytes), externalRootPem()).output).toMatch(/Verification: OK/);

    const signatures = pdfsigOf(setup, 'external-tsa.pdf', pdf);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation])).toEqual(PDFSIG_SIGNED_BOTH);
    const report = await createVerifier([setup.keys.root.certificate, externalKeys.root.certificate]).verify(pdf);
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([
      ['sigill', 'TOTAL_PASSED'],
      ['ordforande', 'TOTAL_PASSED'],
      ['justerare-1', 'TOTAL_PASSED'],
      ['tidsstampel', 'TOTAL_PASSED'],
    ]);
  });

  it('justera sign --tsa <url> --tsa-chain <pem> puts that chain into the DSS', async () => {
    const chainFile = writeFile('cli-external-tsa-chain.pem', pemEncode('CERTIFICATE', externalKeys.tsa.certificate) + externalRootPem());
    const input = join(setup.dir, 'cli-external-sealed.pdf');
    writeFileSync(input, await assembleSealed(exampleExtract(), setup.keys));
    const output = join(setup.dir, 'cli-external-signed.pdf');
    const printed = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await main(['node', 'justera', 'sign', input, '-o', output, '--field', 'ordforande', '--signer', 'Johan Nilsson', '--keys', KEYS_DIR, '--tsa', external.url, '--tsa-chain', chainFile]);
      expect(code).toBe(0);
    } finally {
      printed.mockRestore();
    }
    expect(dssCertificates(readFileSync(output))).toEqual(expect.arrayContaining([externalTsaFingerprint(), externalRootFingerprint()]));
  });

  it('without --tsa-chain: as before, the DSS has the certificate the tokens carry and not the TSA\u2019s root', async () => {
    const pdf = await signBoth({ tsa: external.url });
    const dss = dssCertificates(pdf);
    expect(dss).toContain(externalTsaFingerprint());
    expect(dss).not.toContain(externalRootFingerprint());
  });

  it('refuses a chain whose first certificate is not a time-stamping certificate, naming tsaChain', () => {
    const rootFirst = writeFile('root-first-chain.pem', externalRootPem() + pemEncode('CERTIFICATE', externalKeys.tsa.certificate));
    expect(() => readTsaChain(rootFirst)).toThrow(expect.objectContaining({ code: 'ERR_TSA_CHAIN_INVALID', field: 'tsaChain', message: expect.stringContaining('not a time-stamping certificate') }));
    // The service reads TSA_CHAIN the same way at start, and does not start with such a chain.
    expect(() => serviceTsa({ tsaUrl: external.url, tsaChainFile: rootFirst })).toThrow(expect.objectContaining({ code: 'ERR_TSA_CHAIN_INVALID', field: 'tsaChain' }));
    const noCertificate = writeFile('no-certificate.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(() => readTsaChain(noCertificate)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID', field: 'tsaChain' }));
    const garbage = writeFile('garbage-chain.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => readTsaChain(garbage)).toThrow(expect.objectContaining({ code: 'ERR_TSA_CHAIN_INVALID', field: 'tsaChain' }));
  });

  it('refuses a chain for the built-in TSA, whose chain is the keys folder\u2019s', () => {
    const chain = [externalKeys.tsa.certificate];
    expect(() => timestamperFor({ tsa: 'builtin', tsaChain: chain }, setup.keys, systemClock)).toThrow(expect.objectContaining({ code: 'ERR_USAGE', field: 'tsaChain' }));
  });
});

it('refuses a --tsa that is neither builtin nor an http(s) URL', () => {
  expect(() => timestamperFor({ tsa: 'ftp://tsa.example' }, setup.keys, systemClock)).toThrow(expect.objectContaining({ code: 'ERR_USAGE', field: 'tsa' }));
});
