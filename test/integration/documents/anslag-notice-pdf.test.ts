import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { loadKeys } from '../../../src/ca/keys-folder';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { createNoticePdfRenderer, noticeBlocks } from '../../../src/documents/anslag-notice-pdf';
import { renderTextDocumentPdf } from '../../../src/assembly/render-text-document';
import { createNssDatabase } from '../../helpers/nss';
import { runPdfsig } from '../../helpers/pdfsig';
import { updateAfterSignature } from '../../helpers/validation-update';
import { exampleNotice } from '../../fixtures/anslag-notice';

const notice = exampleNotice;

describe('the anslag as a sealed PDF/A', () => {
  const keys = loadKeys(join(__dirname, '../../../keys-example'));
  const clock = fixedClock('2023-10-05T08:00:00Z');
  const render = createNoticePdfRenderer({ keys, clock, timestamper: BuiltinTsa.fromKeys(keys, clock), publicBaseUrl: 'https://anslag.example.se' });

  it('holds the notice text, is sealed by the organisation (pdfsig: valid, trusted) and passes qpdf', async () => {
    const pdf = await render(notice, clock.now());
    const dir = mkdtempSync(join(tmpdir(), 'anslag-pdf-'));
    const file = join(dir, 'anslag.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['ANSLAG / BEVIS', 'Hägersten-Älvsjö stadsdelsnämnd', 'Sista dag att överklaga: 2023-10-26', 'Anslaget tas ned: 2023-10-27', 'Ordförande: Johan Nilsson', 'Justerare: Sara Grolander', 'förvaltningsrätten', 'Svandammsvägen 15']) {
      expect(text).toContain(expected);
    }
    const nss = createNssDatabase([readFileSync(join(__dirname, '../../../keys-example/root-ca.crt.pem'), 'utf8')]);
    const { signatures } = runPdfsig(file, nss);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ fieldName: 'sigill', totalDocument: false, signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
    // The seal's validation data follows it, and nothing else.
    expect(updateAfterSignature(pdf)).toMatchObject({ last: true, onlyValidationData: true });
    execFileSync('qpdf', ['--check', file]);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
  });

  it('lays out the same bytes for the same notice and time (before the seal, whose timestamp serial differs)', async () => {
    const document = () =>
      renderTextDocumentPdf({ blocks: noticeBlocks(notice, 'https://anslag.example.se'), title: 't', author: 'a', subject: 's', language: 'sv-SE', createdAt: clock.now(), footer: 'f', sealField: true });
    expect(Buffer.from(await document()).equals(Buffer.from(await document()))).toBe(true);
  });
});
