/**
 * The seal as `justera assemble` applies it (default on, --no-seal), and the DSS the signatures leave
 * behind: every certificate and CRL once, the chains of every signer and of the TSA present.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { main } from '../../../src/cli/main';
import { PdfStream } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { signExtractField } from '../../../src/engines/sign-extract';
import { extractSignatures } from '../../helpers/openssl';
import { runPdfsig } from '../../helpers/pdfsig';
import { updateAfterSignature } from '../../helpers/validation-update';
import { assembleSealed, context, exampleExtract, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

async function justera(...args: string[]): Promise<number> {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await main(['node', 'justera', ...args]);
  } finally {
    spy.mockRestore();
  }
}

describe('justera assemble', () => {
  it('seals by default, byte-identically for the same --created, and pdfsig finds the seal valid, followed only by its validation data', async () => {
    const example = 'examples/extract-ha-2023-418-p12.json';
    const [a, b] = [join(setup.dir, 'assembled-a.pdf'), join(setup.dir, 'assembled-b.pdf')];
    expect(await justera('assemble', example, '-o', a, '--created', '2023-09-21T16:00:00Z')).toBe(0);
    expect(await justera('assemble', example, '-o', b, '--created', '2023-09-21T16:00:00Z')).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const signatures = runPdfsig(a, setup.nss).signatures.filter((s) => s.signed);
    expect(signatures.map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation, s.totalDocument])).toEqual([
      ['sigill', 'Signature is Valid.', 'Certificate is Trusted.', false],
    ]);
    expect(updateAfterSignature(readFileSync(a))).toMatchObject({ last: true, onlyValidationData: true });
  });

  it('leaves the seal out with --no-seal', async () => {
    const out = join(setup.dir, 'unsealed.pdf');
    expect(await justera('assemble', 'examples/extract-ha-2023-418-p12.json', '-o', out, '--no-seal')).toBe(0);
    expect(runPdfsig(out, setup.nss).signatures.filter((s) => s.signed)).toEqual([]);
  });
});

describe('the DSS after seal, two signatures and the document timestamp', () => {
  it('holds every certificate of every CMS and of the TSA once, and both CAs\u2019 CRLs', async () => {
    let pdf: Uint8Array = await assembleSealed(exampleExtract(), setup.keys);
    pdf = (await signExtractField(pdf, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } })).pdf;
    pdf = (await signExtractField(pdf, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } })).pdf;
    const file = PdfFile.parse(pdf);
    const dss = file.resolveDict(file.catalog().get('DSS'))!;
    const decoded = (key: string) =>
      (file.resolveArray(dss.get(key)) ?? []).map((entry) => {
        const stream = file.resolve(entry);
        if (!(stream instanceof PdfStream)) throw new Error(`${key} holds a non-stream`);
        return createHash('sha256').update(file.decodeStream(stream)).digest('hex');
      });
    const certs = decoded('Certs');
    const crls = decoded('CRLs');
    expect(new Set(certs).size).toBe(certs.length);
    expect(new Set(crls).size).toBe(crls.length);
    // The root's and the signing CA's; a CRL reissued between two signatures (hourly) adds one more.
    expect(crls.length).toBeGreaterThanOrEqual(2);
    const embedded = extractSignatures(Buffer.from(pdf)).flatMap((signature) => {
      const signedData = AsnConvert.parse(AsnConvert.parse(signature.der, ContentInfo).content, SignedData);
      return (signedData.certificates ?? []).map((choice) => createHash('sha256').update(Buffer.from(AsnConvert.serialize(choice.certificate!))).digest('hex'));
    });
    for (const certificate of embedded) expect(certs).toContain(certificate);
    expect(certs.length).toBe(new Set(embedded).size);
  });
});
