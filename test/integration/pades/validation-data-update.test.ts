/**
 * The validation data of every signature goes into an update of its own right after the signature's
 * (ETSI EN 319 142-1, 5.4.2), with CRLs issued no earlier than the signature's time-stamp: a CRL older
 * than the signature proves nothing about the signing time (what pyHanko and EU DSS require for B-LT).
 * The signatures are cut out by their /ByteRange alone; genTime comes from each one's own token.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initKeys } from '../../../src/ca/keys-folder';
import { fixedClock } from '../../../src/clock';
import { parseSignedData } from '../../../src/cms/parse-signed-data';
import { renderExtractPdf } from '../../../src/assembly/render-extract-pdf';
import { addDocumentTimestamp, sealDocument, signField } from '../../../src/pades';
import { PdfDict, PdfRef, PdfStream, serializeValue, type PdfObject } from '../../../src/pdf/objects';
import { PdfFile } from '../../../src/pdf/parser';
import { ParsedCertificate } from '../../../src/pki/certificate';
import { parseCrl } from '../../../src/pki/crl-parse';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { parseTimeStampToken } from '../../../src/tsa/parse-timestamp-token';
import { extractSignatures } from '../../helpers/openssl';
import { signingContextFor } from '../../../src/engines/signing-context';
import { updateAfterSignature, type UpdateAfterSignature } from '../../helpers/validation-update';
import { SIGNING_TIME, pipeline, verify } from '../verification/helpers/pipeline';

interface SignatureLayout {
  /** Index of the revision the signature's /ByteRange ends at. */
  revision: number;
  genTime: Date;
  /** The certificates of the signature's CMS and of its token. */
  certificates: ParsedCertificate[];
  after: UpdateAfterSignature | undefined;
  /** The /VRI entry of the update after it, when there is one. */
  vri?: { certificates: Uint8Array[]; crls: Uint8Array[] };
  /** Whether the signature's own update left the DSS as it was. */
  dssUntouchedBySignature: boolean;
}

function serialized(value: PdfObject | undefined): string | undefined {
  return value === undefined ? undefined : serializeValue(value);
}

function layoutOf(pdf: Uint8Array): SignatureLayout[] {
  const bytes = Buffer.from(pdf);
  const file = PdfFile.parse(bytes);
  return extractSignatures(bytes).map((signature, index) => {
    const [, contentsAt, contentsEnd, tail] = signature.byteRange;
    const revision = file.revisions.findIndex((candidate) => candidate.endOffset === contentsEnd + tail);
    const signed = parseSignedData(signature.der);
    const isDocumentTimestamp = signed.encapsulatedContent !== undefined;
    const token = parseTimeStampToken(isDocumentTimestamp ? signature.der : signed.signerInfos[0]!.signatureTimeStampTokens[0]!);
    const certificates = [...(isDocumentTimestamp ? [] : signed.certificates), ...token.signedData.certificates].map((der) => ParsedCertificate.fromDer(der));
    const dssAt = (index: number) => file.catalog(index).get('DSS');
    const layout: SignatureLayout = {
      revision, genTime: token.genTime, certificates, after: updateAfterSignature(bytes, index),
      dssUntouchedBySignature: revision > 0 && serialized(dssAt(revision)) === serialized(dssAt(revision - 1)),
    };
    const next = revision + 1;
    if (next >= file.revisions.length) return layout;
    const dss = file.resolveDict(dssAt(next), next)!;
    const contents = Buffer.from(bytes.toString('latin1', contentsAt + 1, contentsEnd - 1), 'hex');
    const key = createHash('sha1').update(contents).digest('hex').toUpperCase();
    const entry = file.resolveDict(file.resolveDict(dss.get('VRI'), next)?.get(key), next);
    const streams = (value: unknown) => (file.resolveArray(value as PdfRef, next) ?? []).map((ref) => file.decodeStream(file.resolve(ref, next) as PdfStream));
    if (entry) layout.vri = { certificates: streams(entry.get('Cert')), crls: streams(entry.get('CRL')) };
    return layout;
  });
}

function expectValidationAfterEverySignature(pdf: Uint8Array): SignatureLayout[] {
  const layouts = layoutOf(pdf);
  for (const layout of layouts) {
    expect(layout.revision).toBeGreaterThan(0);
    // The DSS is in a later revision than the signature: its own update and nothing else.
    expect(layout.dssUntouchedBySignature).toBe(true);
    expect(layout.after).toMatchObject({ signatureRevision: layout.revision, onlyValidationData: true });
    expect(layout.vri).toBeDefined();
    const { certificates, crls } = layout.vri!;
    for (const certificate of layout.certificates) expect(certificates.some((der) => Buffer.from(der).equals(Buffer.from(certificate.der)))).toBe(true);
    // A CRL for every issuer of a certificate below the root, each issued at or after genTime.
    const issuers = new Set(layout.certificates.filter((certificate) => !certificate.isSelfIssued).map((certificate) => certificate.issuer));
    const parsed = crls.map((der) => parseCrl(der));
    expect(new Set(parsed.map((crl) => ParsedCertificate.fromDer(certificates.find((der) => Buffer.from(ParsedCertificate.fromDer(der).subjectDer).equals(Buffer.from(crl.issuerDer)))!).subject))).toEqual(issuers);
    for (const crl of parsed) expect(crl.thisUpdate.getTime()).toBeGreaterThanOrEqual(layout.genTime.getTime());
  }
  return layouts;
}

describe('the validation data of each signature of the finished example', () => {
  it('is in the update after the signature, with CRLs issued no earlier than its time-stamp and a /VRI entry', async () => {
    const p = await pipeline();
    const layouts = expectValidationAfterEverySignature(p.final);
    expect(layouts).toHaveLength(4);
    // The document timestamp's validation data is the file's last update.
    expect(layouts[3]!.after?.last).toBe(true);
    expect(layouts.slice(0, 3).map((layout) => layout.after?.last)).toEqual([false, false, false]);
  });

  it('is issued after genTime also when the TSA\u2019s clock runs ahead of ours, and the example still verifies', async () => {
    const p = await pipeline();
    const clock = fixedClock(SIGNING_TIME);
    // A TSA 90.4 s ahead: genTime has milliseconds, and our clock has not reached it when the CRLs are issued.
    const timestamper = BuiltinTsa.fromKeys(p.keys, fixedClock(new Date(clock.now().getTime() + 90_400)));
    const context = signingContextFor(p.keys, clock, timestamper);
    let pdf: Uint8Array = await sealDocument(await renderExtractPdf(p.extract, { createdAt: new Date('2023-09-22T10:00:00Z'), publicBaseUrl: 'http://localhost:3000' }), context);
    pdf = await signField(pdf, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', claimedTime: clock.now() });
    pdf = await signField(pdf, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', claimedTime: clock.now() });
    pdf = await addDocumentTimestamp(pdf, context);
    const layouts = expectValidationAfterEverySignature(pdf);
    expect(layouts.map((layout) => layout.genTime.toISOString())).toEqual(Array(4).fill('2023-10-03T07:33:30.400Z'));
    const report = await verify(pdf);
    expect(report.signatures.map((s) => [s.field, s.indication, s.level])).toEqual([
      ['sigill', 'TOTAL_PASSED', 'B-LTA'], ['ordforande', 'TOTAL_PASSED', 'B-LTA'], ['justerare-1', 'TOTAL_PASSED', 'B-LTA'], ['tidsstampel', 'TOTAL_PASSED', undefined],
    ]);
    expect(report.justering?.complete).toBe(true);
  });

  it('names the token\u2019s TSA, not the keys folder\u2019s, when another TSA time-stamped', async () => {
    const p = await pipeline();
    const clock = fixedClock(SIGNING_TIME);
    // Another TSA: the seal's certificate stands in for a foreign TSA's (any certificate the token carries).
    const foreign = new BuiltinTsa({ certificate: p.keys.seal.certificate, privateKey: p.keys.seal.privateKey, clock });
    const pdf = await sealDocument(p.assembled, signingContextFor(p.keys, clock, foreign));
    const [layout] = expectValidationAfterEverySignature(pdf);
    const named = layout!.vri!.certificates.map((der) => ParsedCertificate.fromDer(der).subject);
    expect(named).toContain(p.keys.seal.parsed.subject);
    expect(named).not.toContain(p.keys.tsa.parsed.subject);
    const dss = PdfFile.parse(pdf);
    const all = (dss.resolveArray(dss.resolveDict(dss.catalog().get('DSS'))?.get('Certs')) ?? []).map((ref) => ParsedCertificate.fromDer(dss.decodeStream(dss.resolve(ref) as PdfStream)).subject);
    expect(all).not.toContain(p.keys.tsa.parsed.subject);
    expect(dss.catalog().get('DSS')).toBeInstanceOf(PdfDict);
  });

  it('carries the chain of an independent TSA (its certificate and its own root) and not the keys folder\u2019s TSA', async () => {
    const p = await pipeline();
    const clock = fixedClock(SIGNING_TIME);
    const other = initKeys(mkdtempSync(join(tmpdir(), 'justera-other-tsa-')), { organisation: 'Annan tidsstämpeltjänst', publicBaseUrl: 'http://tsa.example', clock: fixedClock('2023-01-01T00:00:00Z') });
    const independent = BuiltinTsa.fromKeys(other, clock);
    const context = signingContextFor(p.keys, clock, independent);
    let pdf: Uint8Array = await signField(p.sealed, { ...context, field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } }, role: 'Ordförande', claimedTime: clock.now() });
    pdf = await addDocumentTimestamp(await signField(pdf, { ...context, field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } }, role: 'Justerare', claimedTime: clock.now() }), context);
    // The seal (made with the keys folder's TSA) aside: the two signatures and the document timestamp.
    const layouts = layoutOf(pdf).slice(1);
    expect(layouts).toHaveLength(3);
    const fingerprints = (ders: readonly Uint8Array[]) => ders.map((der) => createHash('sha256').update(der).digest('hex'));
    for (const layout of layouts) {
      // Each /VRI names the TSA that time-stamped the signature and the root above it, which its token does not carry.
      const named = fingerprints(layout.vri!.certificates);
      expect(named).toEqual(expect.arrayContaining(fingerprints([other.tsa.certificate, other.root.certificate])));
      expect(named).not.toContain(fingerprints([p.keys.tsa.certificate])[0]);
    }
  });
});
