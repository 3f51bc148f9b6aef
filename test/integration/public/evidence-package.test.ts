/** The archivist's evidence package unpacks (with unzip) to files that verify on their own: our verifier and pdfsig. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { main } from '../../../src/cli/main';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { pemDecode } from '../../../src/pki/pem';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { verifyPdf } from '../../../src/verification/verify-pdf';
import { buildEvidencePackage } from '../../../src/engines/evidence-export';
import { createNssDatabase } from '../../helpers/nss';
import { runPdfsig } from '../../helpers/pdfsig';
import { EXTRACT_ID, startPublicService, type PublicTestService } from './public-fixture';

describe('the evidence package', () => {
  let service: PublicTestService;
  let dir: string;

  beforeAll(async () => {
    service = await startPublicService({ verifyPerMinute: 0, readsPerMinute: 0 });
    const clock = fixedClock('2024-01-15T12:00:00Z');
    const evidence = await buildEvidencePackage({ db: service.database.db, keys: service.example.keys, clock, timestamper: BuiltinTsa.fromKeys(service.example.keys, clock), signerIdentity: { kind: 'personnummer' } }, EXTRACT_ID);
    dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const zip = join(dir, evidence.fileName);
    writeFileSync(zip, evidence.zip);
    execFileSync('unzip', ['-q', zip, '-d', join(dir, 'out')]);
  });

  afterAll(async () => {
    await service?.close();
  });

  const out = (path: string) => join(dir, 'out', path);

  it('holds the final PDF, every revision, the anslag, the audit trail, the report and the validation data', () => {
    for (const file of ['README.txt', 'final.pdf', 'audit-trail.json', 'verification-report.json', 'verification-report.pdf', 'certificates/root-ca.pem', 'crls/root-ca.crl', 'extract.json', `anslag/${service.anslagId}.pdf`, `anslag/${service.anslagId}.json`]) {
      expect(existsSync(out(file))).toBe(true);
    }
    const revisions = readdirSync(out('revisions')).sort();
    expect(revisions).toEqual(['v1-01-assembled.pdf', 'v1-02-signed.pdf', 'v1-03-signed.pdf', 'v1-04-signed.pdf', 'v1-05-timestamped.pdf']);
    const bytes = revisions.map((name) => readFileSync(out(`revisions/${name}`)));
    // Each revision is a byte-exact prefix of the next (incremental updates), the last is final.pdf.
    for (let i = 1; i < bytes.length; i++) expect(bytes[i].subarray(0, bytes[i - 1].length).equals(bytes[i - 1])).toBe(true);
    expect(bytes[bytes.length - 1].equals(readFileSync(out('final.pdf')))).toBe(true);
    expect(readdirSync(out('certificates')).filter((name) => name.startsWith('dss-')).length).toBeGreaterThanOrEqual(3);
    for (const crl of readdirSync(out('crls'))) execFileSync('openssl', ['crl', '-inform', 'DER', '-noout', '-in', out(`crls/${crl}`)]);
    const trail = JSON.parse(readFileSync(out('audit-trail.json'), 'utf8')) as { chainIntact: boolean };
    expect(trail.chainIntact).toBe(true);
  });

  it('final.pdf verifies with our verifier against the packaged root, and with pdfsig', async () => {
    const root = pemDecode(readFileSync(out('certificates/root-ca.pem'), 'utf8'), 'CERTIFICATE');
    const report = await verifyPdf(readFileSync(out('final.pdf')), { trustAnchors: [root], crypto: new NodeCryptoProvider(), clock: fixedClock('2024-01-15T12:00:00Z') });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.justering?.complete).toBe(true);
    const nss = createNssDatabase([readFileSync(out('certificates/root-ca.pem'), 'utf8')]);
    const { signatures } = runPdfsig(out('final.pdf'), nss);
    expect(signatures.map((s) => s.fieldName)).toEqual(['sigill', 'ordforande', 'justerare-1', 'tidsstampel']);
    // pdfsig checks the CAdES signatures; it leaves an ETSI.RFC3161 document timestamp "not yet verified".
    for (const signature of signatures.slice(0, 3)) expect(signature.signatureValidation).toBe('Signature is Valid.');
    expect(report.signatures.find((s) => s.field === 'tidsstampel')?.indication).toBe('TOTAL_PASSED');
    const stored = JSON.parse(readFileSync(out('verification-report.json'), 'utf8')) as { indication: string; sha256: string };
    expect(stored).toMatchObject({ indication: 'TOTAL_PASSED', sha256: report.sha256 });
  });

  it('the report PDF is sealed and states who, role, when (which timestamp), which revision, the chain', () => {
    const nss = createNssDatabase([readFileSync(out('certificates/root-ca.pem'), 'utf8')]);
    const { signatures } = runPdfsig(out('verification-report.pdf'), nss);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ fieldName: 'sigill', signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out('verification-report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['Verifieringsrapport', 'Undertecknare: Johan Nilsson', 'Roll: Ordförande', 'Undertecknare: Sara Grolander', 'Roll: Justerare', 'Bevisad tidpunkt: 2023-10-05T08:00:00.000Z, tidsstämpel från', 'Version: 4 av 9', 'Certifikatkedja (betrodd)', 'TOTAL_PASSED']) {
      expect(text).toContain(expected);
    }
    execFileSync('qpdf', ['--check', out('verification-report.pdf')]);
  });

  it('`justera export <id> -o file.zip` writes the same package from the command line', async () => {
    const target = service.database.target;
    if (target.kind !== 'sqlite') throw new Error('the fixture uses SQLite');
    const zip = join(dir, 'cli.zip');
    const code = await main(['node', 'justera', 'export', EXTRACT_ID, '-o', zip, '--db', target.file, '--keys', service.example.keysDir]);
    expect(code).toBe(0);
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['final.pdf', 'verification-report.pdf', 'audit-trail.json', 'revisions/v1-05-timestamped.pdf']));
    expect(await main(['node', 'justera', 'export', 'no-such-extract', '-o', join(dir, 'x.zip'), '--db', target.file, '--keys', service.example.keysDir])).toBe(2);
  });
});
