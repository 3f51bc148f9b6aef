/**
 * Issue 14, item 2: the ETSI TS 119 102-2 validation report. It must validate against the published schema
 * (xmllint, test/fixtures/etsi) for our signed example, tampered copies, a foreign PDF and a PDF whose field
 * and signer names carry control characters; and say what the verifier found, in the ETSI vocabulary.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signField } from '../../../src/pades';
import type { VerificationReport } from '../../../src/verification/model';
import { renderEtsiXml } from '../../../src/verification/render/etsi-xml';
import { pdfLibWithSignatureFields } from '../../fixtures/pdf/sample-pdfs';
import { validateEtsiXml } from '../../helpers/xmllint';
import { changePageText } from './helpers/attacks';
import { pipeline, verify, type Pipeline } from './helpers/pipeline';
import { signingContextFor } from '../../../src/engines/signing-context';

const CLI = join(__dirname, '../../../bin/justera.js');
const MAIN = 'urn:etsi:019102:mainindication:';
const SUB = 'urn:etsi:019102:subindication:';
let p: Pipeline;

beforeAll(async () => {
  p = await pipeline();
});

function expectValid(xml: string): void {
  const result = validateEtsiXml({ xml });
  expect(result.output).toMatch(/validates/);
  expect(result.valid).toBe(true);
}

function all(xml: string, pattern: RegExp): string[] {
  return [...xml.matchAll(pattern)].map((match) => match[1]!);
}

/** Per SignatureValidationReport: its DAIdentifier (the field), main and sub indication. */
function statuses(xml: string): { field?: string; main: string; sub?: string }[] {
  return xml.split('<SignatureValidationReport>').slice(1).map((part) => ({
    field: /<DAIdentifier>([^<]*)</.exec(part)?.[1],
    main: /<MainIndication>([^<]*)</.exec(part)![1]!,
    sub: /<SubIndication>([^<]*)</.exec(part)?.[1],
  }));
}

it('the report of the fully signed example validates and names every signature, its POE and the objects used', async () => {
  const report = await verify(p.final);
  const xml = renderEtsiXml(report);
  expectValid(xml);
  expect(statuses(xml)).toEqual(report.signatures.map((signature) => ({ field: signature.field, main: `${MAIN}total-passed`, sub: undefined })));
  // The signatures are B-LTA; the document timestamp is proven by its own time (validation with time, LTVM).
  expect(all(xml, /<SignatureValidationProcessID>([^<]*)</g)).toEqual(report.signatures.map((signature) => `urn:etsi:019102:validationprocess:${signature.kind === 'document-timestamp' ? 'LTVM' : 'LTA'}`));
  expect(xml).toContain('<Signer>Johan Nilsson</Signer>');
  expect(xml).toContain('<Signer>Sara Grolander</Signer>');
  const types = all(xml, /<ObjectType>([^<]*)</g);
  for (const type of ['certificate', 'CRL', 'timestamp']) expect(types).toContain(`urn:etsi:019102:validationObject:${type}`);
  // Every reference names an object of the report, and every certificate of every chain is one.
  const ids = new Set(all(xml, / id="([^"]+)"/g));
  const references = all(xml, /VOReference="([^"]+)"/g).flatMap((value) => value.split(' '));
  expect(references.filter((id) => !ids.has(id))).toEqual([]);
  for (const signature of report.signatures) {
    for (const certificate of signature.chain?.certificates ?? []) expect(ids).toContain(`C-${certificate.sha256}`);
    expect(xml).toContain(`<POETime>${signature.provenTime!.time}</POETime>`);
  }
  const chair = report.signatures.find((signature) => signature.field === 'ordforande')!;
  expect(xml).toContain(`<ds:DigestValue>${Buffer.from(chair.signatureValueSha256!, 'hex').toString('base64')}</ds:DigestValue>`);
  expect(xml).toContain(`<Time>${chair.claimedTime}</Time>`);
});

it('a copy whose page text changed in a later update is total-failed, FORMAT_FAILURE, and says why', async () => {
  const report = await verify(changePageText(p.final, '0 0 0 rg', '1 0 0 rg'));
  const xml = renderEtsiXml(report);
  expectValid(xml);
  expect(statuses(xml).find((status) => status.field === 'ordforande')).toEqual({ field: 'ordforande', main: `${MAIN}total-failed`, sub: `${SUB}FORMAT_FAILURE` });
  expect(xml).toContain('<Type>urn:justera:verification:reason:ILLEGAL_MODIFICATION</Type>');
});

it('a copy with a signed byte changed is total-failed with HASH_FAILURE', async () => {
  const tampered = Buffer.from(p.final);
  // A byte inside the first revision's page stream: covered by every signature's /ByteRange.
  const at = tampered.indexOf('stream', tampered.indexOf('/Contents')) + 20;
  tampered[at] ^= 0x01;
  const report = await verify(tampered);
  const xml = renderEtsiXml(report);
  expectValid(xml);
  const found = statuses(xml);
  expect(found.map((status) => status.main)).toEqual(report.signatures.map(() => `${MAIN}total-failed`));
  expect(found.map((status) => status.sub)).toContain(`${SUB}HASH_FAILURE`);
});

it('the report of a foreign PDF validates', async () => {
  const context = signingContextFor(p.keys, p.clock);
  const foreign = await signField(await pdfLibWithSignatureFields({ useObjectStreams: false, text: 'Protokoll från ett annat system' }), { ...context, field: 'ordforande', signer: { person: { name: 'Anna Andersson' } }, role: 'Ordförande', claimedTime: p.clock.now() });
  const xml = renderEtsiXml(await verify(foreign));
  expectValid(xml);
  expect(statuses(xml)).toEqual([{ field: 'ordforande', main: `${MAIN}total-passed`, sub: undefined }]);
  expect(xml).toContain('<Signer>Anna Andersson</Signer>');
});

it('a PDF without signatures still gets a valid report', async () => {
  const report = await verify(p.assembled);
  const xml = renderEtsiXml(report);
  expectValid(xml);
  expect(statuses(xml)).toEqual([{ field: undefined, main: `${MAIN}${report.indication === 'TOTAL_PASSED' ? 'total-passed' : report.indication === 'TOTAL_FAILED' ? 'total-failed' : 'indeterminate'}`, sub: undefined }]);
});

describe('hostile text', () => {
  const HOSTILE_FIELD = 'x\u001b[2K\u001b[1G\u001b[1A\u001b[2KÄkta <b>&amp;';
  const HOSTILE_NAME = 'Eva\u009b2K \u202eanoSrep';
  let report: VerificationReport;

  beforeAll(async () => {
    const context = signingContextFor(p.keys, p.clock);
    const unsigned = await pdfLibWithSignatureFields({ useObjectStreams: false }, ['ordforande', HOSTILE_FIELD]);
    report = await verify(await signField(unsigned, { ...context, field: HOSTILE_FIELD, signer: { person: { name: HOSTILE_NAME } }, role: 'Ordförande', claimedTime: p.clock.now() }));
  });

  it('field and signer names with control characters are escaped and the report validates', () => {
    expect(report.signatures[0]!.field).toBe(HOSTILE_FIELD);
    const xml = renderEtsiXml(report);
    expectValid(xml);
    expect(xml).toContain('<DAIdentifier>x\\x1B[2K\\x1B[1G\\x1B[1A\\x1B[2KÄkta &lt;b&gt;&amp;amp;</DAIdentifier>');
    expect(xml).toContain('<Signer>Eva\\x9B2K \\u202EanoSrep</Signer>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/);
  });

  it('characters XML 1.0 cannot carry at all (NUL, lone surrogates, U+FFFE) are escaped too', () => {
    // A PDF text string decodes to any UTF-16 code units; the JSON report keeps them exactly.
    const worst = { ...report, signatures: report.signatures.map((signature) => ({ ...signature, field: 'a\u0000b\ud800c\udc00d\ufffee', reason: '\uffff' })) };
    const xml = renderEtsiXml(worst);
    expectValid(xml);
    expect(xml).toContain('<DAIdentifier>a\\x00b\\uD800c\\uDC00d\\uFFFEe</DAIdentifier>');
  });
});

describe('justera verify --etsi-xml', () => {
  let dir: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'verify', ...args, '--keys', p.keysDir, '--time', '2024-01-15T12:00:00Z'], { encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'justera-etsi-cli-'));
    writeFileSync(join(dir, 'final.pdf'), p.final);
    writeFileSync(join(dir, 'tampered.pdf'), changePageText(p.final, '0 0 0 rg', '1 0 0 rg'));
  });

  it('writes the report of the one PDF given, which validates, beside the usual output', () => {
    const out = join(dir, 'final.xml');
    const result = run(join(dir, 'final.pdf'), '--etsi-xml', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Äkta');
    expect(validateEtsiXml({ file: out }).valid).toBe(true);
    expect(statuses(readFileSync(out, 'utf8')).every((status) => status.main === `${MAIN}total-passed`)).toBe(true);
    const tampered = join(dir, 'tampered.xml');
    expect(run(join(dir, 'tampered.pdf'), '--etsi-xml', tampered).status).toBe(1);
    expect(readFileSync(tampered, 'utf8')).toContain(`${MAIN}total-failed`);
  });

  it('refuses more than one PDF (exit 2, naming the option)', () => {
    const result = run(join(dir, 'final.pdf'), join(dir, 'tampered.pdf'), '--etsi-xml', join(dir, 'both.xml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--etsi-xml');
  });
});
