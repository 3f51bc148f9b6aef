/**
 * `justera sign` from the command line (in-process through main()): a signature that pdfsig accepts,
 * PKCS#12 signers made here with openssl (RSA-2048, ECDSA P-384), and the refusals: already signed,
 * unknown field, a PDF without our fields. A refusal exits 2 and leaves every file as it was.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { main } from '../../../src/cli/main';
import { pemEncode } from '../../../src/pki/pem';
import { createNssDatabase } from '../../helpers/nss';
import { runPdfsig } from '../../helpers/pdfsig';
import { updateAfterSignature } from '../../helpers/validation-update';
import { assembleSealed, exampleExtract, isPrefix, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
let sealedPath: string;

async function justera(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  try {
    const code = await main(['node', 'justera', ...args]);
    return { code, stderr, stdout };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

const hashOf = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const file = (name: string): string => join(setup.dir, name);

beforeAll(async () => {
  setup = setUp();
  sealedPath = file('cli-sealed.pdf');
  writeFileSync(sealedPath, await assembleSealed(exampleExtract(), setup.keys));
});
afterAll(() => tearDown(setup));

/** The file as text plus its hex strings decoded: the signer certificate sits DER-encoded in /Contents. */
function certificateTexts(path: string): string {
  const raw = readFileSync(path).toString('latin1');
  return [raw, ...[...raw.matchAll(/<([0-9A-Fa-f]{64,})>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1'))].join('\n');
}

describe('justera sign', () => {
  it('signs the ordförande\u2019s field; pdfsig finds the seal and the signature valid and trusted', async () => {
    const result = await justera('sign', sealedPath, '-o', file('cli-chair.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson', '--personnummer', '19650412-7793', '--keys', 'keys-example');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Signed ordforande \(Ordförande\).*still to sign: justerare-1/);
    // --personnummer gives the certificate the pseudonym (PSEUDO:…), never the number itself.
    expect(certificateTexts(file('cli-chair.pdf'))).toMatch(/PSEUDO:[A-Z2-7]{32}/);
    for (const form of ['196504127793', '19650412-7793', '6504127793']) expect(certificateTexts(file('cli-chair.pdf'))).not.toContain(form);
  });

  it('--personnummer-in-certificate writes the 12 digits themselves (Sweden Connect profile)', async () => {
    const result = await justera('sign', sealedPath, '-o', file('cli-chair-pnr.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson', '--personnummer', '650412-7793', '--personnummer-in-certificate', '--keys', 'keys-example');
    expect(result.code).toBe(0);
    expect(certificateTexts(file('cli-chair-pnr.pdf'))).toContain('196504127793');
    expect(certificateTexts(file('cli-chair-pnr.pdf'))).not.toContain('PSEUDO:');
    expect(isPrefix(readFileSync(sealedPath), readFileSync(file('cli-chair.pdf')))).toBe(true);
    const signatures = runPdfsig(file('cli-chair.pdf'), setup.nss).signatures.filter((s) => s.signed);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation])).toEqual([
      ['sigill', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['ordforande', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
  });

  it('finds the package\u2019s keys-example without --keys when run from another folder', async () => {
    const cwd = process.cwd();
    const keysDir = process.env.KEYS_DIR;
    delete process.env.KEYS_DIR;
    process.chdir(setup.dir);
    try {
      const result = await justera('sign', sealedPath, '-o', 'elsewhere.pdf', '--field', 'ordforande', '--signer', 'Johan Nilsson');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    } finally {
      process.chdir(cwd);
      if (keysDir !== undefined) process.env.KEYS_DIR = keysDir;
    }
    const signatures = runPdfsig(file('elsewhere.pdf'), setup.nss).signatures.filter((s) => s.signed);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation])).toContainEqual(['ordforande', 'Signature is Valid.', 'Certificate is Trusted.']);
  });

  it('refuses an already signed field with exit code 2 and leaves the input (even as -o) unchanged', async () => {
    const input = file('cli-chair.pdf');
    const before = hashOf(input);
    const refused = await justera('sign', input, '-o', file('cli-twice.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_FIELD_ALREADY_SIGNED \(--field\).*"ordforande" is already signed/);
    expect(existsSync(file('cli-twice.pdf'))).toBe(false);
    const inPlace = await justera('sign', input, '-o', input, '--field', 'ordforande', '--signer', 'Johan Nilsson');
    expect(inPlace.code).toBe(2);
    expect(hashOf(input)).toBe(before);
  });

  it('refuses an unknown field and names the fields that can be signed', async () => {
    const before = hashOf(sealedPath);
    const refused = await justera('sign', sealedPath, '-o', file('cli-unknown.pdf'), '--field', 'kassor', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_FIELD_NOT_FOUND \(--field\).*"kassor".*ordforande, justerare-1/);
    expect(existsSync(file('cli-unknown.pdf'))).toBe(false);
    expect(hashOf(sealedPath)).toBe(before);
  });

  it('refuses a PDF without our signature fields', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const path = file('cli-plain.pdf');
    writeFileSync(path, await plain.save());
    const before = hashOf(path);
    const refused = await justera('sign', path, '-o', path, '--field', 'ordforande', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_NO_SIGNATURE_FIELDS/);
    expect(hashOf(path)).toBe(before);
  });

  it('refuses to sign a document certified with DocMDP P=1', async () => {
    const sealed = readFileSync(sealedPath);
    const docMdp = '/TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P 2';
    const at = sealed.indexOf(docMdp, 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    const noChanges = Buffer.from(sealed);
    noChanges.write('1', at + docMdp.length - 1, 'latin1');
    const path = file('cli-p1.pdf');
    writeFileSync(path, noChanges);
    const refused = await justera('sign', path, '-o', file('cli-p1-signed.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_SIGNATURE_NOT_PERMITTED.*P=1/);
    expect(existsSync(file('cli-p1-signed.pdf'))).toBe(false);
  });

  it('reports an output path it cannot write as a usage error', async () => {
    const refused = await justera('sign', sealedPath, '-o', file('no-such-folder/out.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_USAGE \(--output\): cannot write .*out\.pdf: ENOENT/);
  });

  it('refuses a --tsa-chain whose first certificate is not a TSA\u2019s, or one for the built-in TSA, naming the option', async () => {
    // The seal's certificate first: a certificate, but not for time-stamping. Refused before any TSA is asked.
    const wrongChain = file('wrong-tsa-chain.pem');
    writeFileSync(wrongChain, pemEncode('CERTIFICATE', setup.keys.seal.certificate) + setup.rootPem);
    const refused = await justera('sign', sealedPath, '-o', file('cli-wrong-chain.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson', '--tsa', 'http://127.0.0.1:9/tsa', '--tsa-chain', wrongChain);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_TSA_CHAIN_INVALID \(--tsa-chain\): the first certificate .* is not a time-stamping certificate/);
    expect(existsSync(file('cli-wrong-chain.pdf'))).toBe(false);

    const tsaChain = file('tsa-chain.pem');
    writeFileSync(tsaChain, pemEncode('CERTIFICATE', setup.keys.tsa.certificate) + setup.rootPem);
    const builtin = await justera('sign', sealedPath, '-o', file('cli-builtin-chain.pdf'), '--field', 'ordforande', '--signer', 'Johan Nilsson', '--tsa-chain', tsaChain);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toMatch(/ERR_USAGE \(--tsa-chain\): a TSA chain is for an external TSA/);
  });

  it('refuses the seal field, which only assemble fills', async () => {
    const refused = await justera('sign', sealedPath, '-o', file('cli-seal.pdf'), '--field', 'sigill', '--signer', 'Johan Nilsson');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ERR_FIELD_ALREADY_SIGNED.*"sigill"/);
  });

  describe.each([
    ['RSA-2048', ['-newkey', 'rsa:2048']],
    ['ECDSA P-384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']],
  ])('with a PKCS#12 signer (%s) made by openssl', (label, keyArgs) => {
    it('signs, and pdfsig finds the signature valid and trusted under the signer\u2019s own root', async () => {
      const tag = label.replace(/\W/g, '');
      const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: setup.dir, stdio: 'pipe' });
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${tag}-ca.key`, '-out', `${tag}-ca.pem`, '-days', '30', '-subj', `/CN=Test CA ${tag}/O=Justera test`);
      openssl('req', '-new', ...keyArgs, '-nodes', '-keyout', `${tag}-leaf.key`, '-out', `${tag}-leaf.csr`, '-subj', '/CN=Åsa Öberg/O=Justera test', '-utf8');
      writeFileSync(file(`${tag}-leaf.ext`), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
      openssl('x509', '-req', '-in', `${tag}-leaf.csr`, '-CA', `${tag}-ca.pem`, '-CAkey', `${tag}-ca.key`, '-CAcreateserial', '-days', '30', '-extfile', `${tag}-leaf.ext`, '-out', `${tag}-leaf.pem`);
      openssl('pkcs12', '-export', '-inkey', `${tag}-leaf.key`, '-in', `${tag}-leaf.pem`, '-certfile', `${tag}-ca.pem`, '-out', `${tag}.p12`, '-passout', 'pass:hemligt lösen');
      process.env.JUSTERA_TEST_P12_PASS = 'hemligt lösen';
      const output = file(`cli-${tag}.pdf`);
      const result = await justera('sign', sealedPath, '-o', output, '--field', 'justerare-1', '--p12', file(`${tag}.p12`), '--passphrase-env', 'JUSTERA_TEST_P12_PASS');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const nss = createNssDatabase([setup.rootPem, readFileSync(file(`${tag}-ca.pem`), 'utf8')]);
      const signatures = runPdfsig(output, nss).signatures.filter((s) => s.signed);
      rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true });
      expect(signatures.map((s) => [s.fieldName, s.commonName, s.signatureValidation, s.certificateValidation])).toEqual([
        ['sigill', expect.any(String), 'Signature is Valid.', 'Certificate is Trusted.'],
        ['justerare-1', 'Åsa Öberg', 'Signature is Valid.', 'Certificate is Trusted.'],
      ]);
    });
  });
});

describe('the seal', () => {
  it('is byte-identical across runs with a pinned creation time', async () => {
    const createdAt = new Date('2023-09-21T16:00:00Z');
    const first = await assembleSealed(exampleExtract(), setup.keys, createdAt);
    const second = await assembleSealed(exampleExtract(), setup.keys, createdAt);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const signatures = pdfsigOf(setup, 'pinned-seal.pdf', first);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation, s.totalDocument])).toEqual([['sigill', 'Signature is Valid.', false]]);
    expect(updateAfterSignature(first)).toMatchObject({ last: true, onlyValidationData: true });
  });
});
