/**
 * Issue 16 item 1: a tagged protocol made elsewhere, assembled with `--from-pdf`, keeps its structure tree
 * and our signature page joins it, so the whole document is tagged. Two word-processor-like protocols
 * (role-mapped types, a /ParentTree with /Kids, /Lang sv): one with a single top-level element that claims
 * PDF/A-2a and PDF/UA-1, one whose tree root lists its elements and claims nothing. Each is sealed, signed
 * by the ordförande and by the justerare; at every step it is a Tagged PDF (pdfinfo), its elements are the
 * protocol's then ours (pdfinfo -struct), every page's content is tagged or an artifact (our walk against
 * the tree), and the signatures are valid (pdfsig, our verifier). A role map that redefines a standard
 * type we use keeps the protocol's tree and claims no tagging.
 */
import { execFileSync } from 'node:child_process';
import { describeConversion, renderProtocolPdf } from '../../../src/assembly/from-pdf';
import { systemClock } from '../../../src/clock';
import { assembleProtocol, type AssembledProtocol } from '../../../src/engines/assemble-extract';
import { organisationSeal } from '../../../src/engines/seal-extract';
import { signExtractField } from '../../../src/engines/sign-extract';
import { createVerifier, loadTrustAnchors } from '../../../src/engines/verify-document';
import { listFields } from '../../../src/pdf/acroform';
import { PdfDict, PdfString } from '../../../src/pdf/objects';
import { listPages } from '../../../src/pdf/pages';
import { PdfFile } from '../../../src/pdf/parser';
import { readMetadataXmp } from '../../../src/pdf/xmp';
import { reportPasses } from '../../../src/verification/justering';
import { protocolMeta, taggedTwoPageProtocol, type TaggedProtocolOptions } from '../../fixtures/pdf/foreign-protocols';
import { withPdfFile } from '../../helpers/poppler';
import { checkTagging, flatten, structureTypes } from '../../helpers/tagged-pdf';
import { KEYS_DIR, context, pdfsigOf, setUp, tearDown, type Setup } from './helpers';

let setup: Setup;
beforeAll(() => {
  setup = setUp();
});
afterAll(() => tearDown(setup));

type Step = 'sealed' | 'chair' | 'justerad';

async function signed(options: TaggedProtocolOptions): Promise<{ assembled: AssembledProtocol; steps: Record<Step, Uint8Array> }> {
  const createdAt = systemClock.now();
  const assembled = await assembleProtocol(protocolMeta(), taggedTwoPageProtocol(options), { createdAt, publicBaseUrl: 'http://localhost:3000', seal: organisationSeal(setup.keys, { time: createdAt }) });
  const chair = await signExtractField(assembled.pdf, { ...context(setup.keys), field: 'ordforande', signer: { person: { name: 'Johan Nilsson' } } });
  const adjuster = await signExtractField(chair.pdf, { ...context(setup.keys), field: 'justerare-1', signer: { person: { name: 'Sara Grolander' } } });
  expect(adjuster.documentTimestamped).toBe(true);
  return { assembled, steps: { sealed: assembled.pdf, chair: chair.pdf, justerad: adjuster.pdf } };
}

function pdfinfo(pdf: Uint8Array): string {
  return withPdfFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
}

/** Our signature page's elements as pdfinfo -struct lists them, after the protocol's (role-mapped). */
const OURS = ['H1', 'P', 'P', 'H2', 'P', 'P', 'P', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'TD', 'Form', 'TR', 'TH', 'TD', 'TD', 'Form', 'Figure', 'P', 'P', 'P', 'Form', 'Form'];
const PROTOCOLS = ['H1', 'P', 'H1', 'P'];

const cases: Array<[string, TaggedProtocolOptions, { top: string[]; ourParent: string; pdfa?: 'A' | 'B'; pdfua: boolean; lines: string[] }]> = [
  [
    'a protocol with one top-level element, claiming PDF/A-2a and PDF/UA-1',
    { top: 'document', pdfua: true, pdfa2: 'A', embeddedFont: true },
    {
      top: ['Document'],
      ourParent: 'Protokoll',
      pdfa: 'A',
      pdfua: true,
      lines: [
        'PDF/A: the protocol is PDF/A-2a; the result is PDF/A-2a (level A: the protocol claims it, and the signature page is tagged in its structure tree).',
        'PDF/UA: the protocol claims PDF/UA-1 and the signature page is tagged to it; the result claims PDF/UA-1.',
      ],
    },
  ],
  [
    'a protocol whose tree root lists its elements, claiming nothing',
    { top: 'several' },
    { top: [], ourParent: 'StructTreeRoot', pdfua: false, lines: ['PDF/UA: not claimed, because the protocol does not claim PDF/UA.'] },
  ],
];

describe.each(cases)('%s', (_name, options, expected) => {
  let assembled: AssembledProtocol;
  let steps: Record<Step, Uint8Array>;
  beforeAll(async () => {
    ({ assembled, steps } = await signed(options));
  }, 120_000);

  it('says what it claims and why', () => {
    expect(assembled.conversion).toMatchObject({ tagged: true, structureRemoved: false, conformance: { pdfua: expected.pdfua } });
    expect(assembled.conversion.conformance.pdfa).toBe(expected.pdfa);
    expect(assembled.conversion.notJoined).toBeUndefined();
    const lines = describeConversion(assembled.conversion);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Tagged: the signature page's elements .* follow the protocol's own in its structure tree; the result is tagged\.$/), ...expected.lines]));
  });

  describe.each(['sealed', 'chair', 'justerad'] as const)('%s', (step) => {
    it('is a Tagged PDF whose elements are the protocol\'s, then ours (pdfinfo -struct)', () => {
      const pdf = steps[step];
      expect(pdfinfo(pdf)).toMatch(/^Tagged:\s+yes$/m);
      expect(structureTypes(pdf)).toEqual([...expected.top, ...PROTOCOLS, ...OURS]);
      const file = PdfFile.parse(pdf);
      const pages = listPages(file);
      expect(file.resolveDict(pages[pages.length - 1])?.getName('Tabs')).toBe('S');
      // The protocol's /Lang stays; our elements say theirs.
      expect((file.resolve(file.catalog().get('Lang')) as PdfString).toText()).toBe('sv');
    });

    it('has every page\'s content tagged or an artifact, and the tree, its /ParentTree and the content agree', () => {
      const pdf = steps[step];
      const { walk, root, problems } = checkTagging(pdf);
      expect(problems).toEqual([]);
      expect(walk.sequences.filter((s) => s.page === 3 && s.tag === 'Artifact').map((s) => s.artifact)).toEqual(expect.arrayContaining(['Header', 'Footer']));

      // Our elements are the last kids of the protocol's top-level element (or of the tree root), each with /Lang sv-SE.
      expect(root.type).toBe(expected.ourParent);
      expect(root.kids.slice(0, 4).map((kid) => kid.type)).toEqual(['Rubrik', 'Stycke', 'Rubrik', 'Stycke']);
      const ours = root.kids.slice(4);
      expect(ours[0]?.type).toBe('H1');
      for (const element of ours) expect((element.dict.get('Lang') as PdfString | undefined)?.toText()).toBe('sv-SE');

      // Every widget is the object reference of a /Form element; the QR code a /Figure with /Alt.
      const file = PdfFile.parse(pdf);
      const forms = flatten(root).filter((node) => node.type === 'Form');
      const widgets = listFields(file).flatMap((field) => field.widgets.map((widget) => widget.ref?.num));
      expect(forms.flatMap((form) => form.objects.map((ref) => ref.num)).sort()).toEqual([...widgets].sort());
      const figure = flatten(root).find((node) => node.type === 'Figure');
      expect((figure?.dict.get('Alt') as PdfString).toText()).toMatch(/^QR-kod till kontrollsidan http:\/\/localhost:3000\/verifiera\//);

      // Our entries are the /ParentTree's last leaf, after the protocol's two; /ParentTreeNextKey follows them.
      const treeRoot = file.resolveDict(file.catalog().get('StructTreeRoot'))!;
      const leaves = file.resolveArray(file.resolveDict(treeRoot.get('ParentTree'))?.get('Kids')) ?? [];
      expect(leaves).toHaveLength(3);
      const last = file.resolveDict(leaves[2])!;
      expect(file.resolveArray(last.get('Limits'))).toEqual([2, 2 + 1 + widgets.length - 1]);
      expect(treeRoot.getNumber('ParentTreeNextKey')).toBe(2 + 1 + widgets.length);
      expect(treeRoot.get('RoleMap')).toBeInstanceOf(PdfDict);
    });

    it('claims in its XMP what the protocol allows', () => {
      const xmp = readMetadataXmp(PdfFile.parse(steps[step])) ?? '';
      expect(xmp.includes('<pdfuaid:part>1</pdfuaid:part>')).toBe(expected.pdfua);
      expect(xmp.includes(`<pdfaid:conformance>${expected.pdfa}</pdfaid:conformance>`)).toBe(expected.pdfa !== undefined);
      expect(xmp.includes('<pdfaid:part>')).toBe(expected.pdfa !== undefined);
      expect(execFileSync('xmllint', ['--noout', '-'], { input: xmp.replace(/^\uFEFF/, ''), encoding: 'utf8' })).toBe('');
    });
  });

  it('keeps every signature valid for pdfsig and our verifier', async () => {
    for (const [step, pdf] of Object.entries(steps)) {
      const signatures = pdfsigOf(setup, `tagged-foreign-${expected.ourParent}-${step}.pdf`, pdf);
      for (const signature of signatures.filter((s) => s.fieldName !== 'tidsstampel')) {
        expect({ step, field: signature.fieldName, validation: signature.signatureValidation }).toEqual({ step, field: signature.fieldName, validation: 'Signature is Valid.' });
      }
    }
    const report = await createVerifier(loadTrustAnchors({ keysDir: KEYS_DIR })).verify(steps.justerad);
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([
      ['sigill', 'TOTAL_PASSED'],
      ['ordforande', 'TOTAL_PASSED'],
      ['justerare-1', 'TOTAL_PASSED'],
      ['tidsstampel', 'TOTAL_PASSED'],
    ]);
    expect(reportPasses(report)).toBe(true);
  });
});

it('does not join a tree whose /RoleMap redefines a standard type our page uses, and claims no tagging', async () => {
  const protocol = taggedTwoPageProtocol({ top: 'document', pdfua: true, embeddedFont: true, roleMap: '/Protokoll /Document /Rubrik /H1 /Stycke /P /P /Span' });
  const { pdf, conversion } = await renderProtocolPdf(protocolMeta(), protocol, { createdAt: systemClock.now(), publicBaseUrl: 'http://localhost:3000', verificationCode: 'ABCD-EFGH' });
  expect(conversion).toMatchObject({ tagged: false, conformance: { pdfua: false }, notJoined: "its /RoleMap maps the standard type /P, which the signature page's elements use, to another type" });
  expect(describeConversion(conversion)).toContain(
    "Tagged: the protocol's structure tree is kept, but the signature page is not in it, because its /RoleMap maps the standard type /P, which the signature page's elements use, to another type; the result claims neither PDF/A level A nor PDF/UA.",
  );
  expect(structureTypes(pdf)).toEqual(['Document', ...PROTOCOLS]);
  expect(readMetadataXmp(PdfFile.parse(pdf))).not.toContain('pdfuaid:part');
});
