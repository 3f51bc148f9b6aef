/**
 * Assembly: the example extract (HÄ 2023/418 § 12) validated, laid out, and rendered to the unsealed
 * PDF/A-2b in-process (fonts, ICC profile and glyph tables are cached per process, as in the service).
 * The layout line shows how much of the time is ours and how much is font subsetting and writing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMeasure } from '../../src/assembly/fonts';
import { layoutExtract } from '../../src/assembly/page-layout';
import { renderExtractPdf } from '../../src/assembly/render-extract-pdf';
import { parseExtract } from '../../src/domain/extract';
import { measure, report } from './measure';

const EXAMPLE = join(__dirname, '../../../examples/extract-ha-2023-418-p12.json');

export async function run(): Promise<void> {
  const json = readFileSync(EXAMPLE, 'utf8');
  const extract = parseExtract(json);
  const options = { createdAt: new Date('2023-09-21T16:00:00Z'), publicBaseUrl: 'http://localhost:3000' };
  const size = (await renderExtractPdf(extract, options)).byteLength;

  report('assemble: parseExtract (example JSON, zod)', await measure(() => parseExtract(json), 300, 30));
  report(
    'assemble: layout only (wrap + paginate)',
    await measure(() => layoutExtract(extract, { verificationCode: 'ABCD-EFGH', verificationUrl: 'http://localhost:3000/verifiera/ABCD-EFGH', measure: createMeasure() }), 300, 30),
  );
  report(`assemble: example → PDF/A-2b, unsealed (${(size / 1024).toFixed(0)} KB)`, await measure(() => renderExtractPdf(extract, options), 300, 30), 20);
}
