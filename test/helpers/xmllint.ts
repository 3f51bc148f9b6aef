/**
 * Checks an ETSI TS 119 102-2 validation report against the published schema (test/fixtures/etsi, see its
 * README) with libxml2's xmllint, as an outside reader of the report would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ETSI_SCHEMA = join(__dirname, '../fixtures/etsi/TS119102-2-v122.xsd');

/** xmllint's verdict on the file, or on the text written to a temporary file. */
export function validateEtsiXml(input: { file: string } | { xml: string }): { valid: boolean; output: string } {
  const file = 'file' in input ? input.file : join(mkdtempSync(join(tmpdir(), 'justera-etsi-')), 'report.xml');
  if ('xml' in input) writeFileSync(file, input.xml, 'utf8');
  // --nonet: the schema and its imports are local; nothing may be fetched.
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', ETSI_SCHEMA, file], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { valid: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
