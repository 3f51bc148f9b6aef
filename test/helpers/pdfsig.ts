/**
 * Runs poppler's pdfsig and reads its text: pdfsig exits 0 even for a broken signature, so tests look at
 * the "Signature Validation:" lines, never at the exit code.
 */
import { execFileSync } from 'node:child_process';

export interface PdfsigSignature {
  index: number;
  fieldName?: string;
  commonName?: string;
  distinguishedName?: string;
  signatureType?: string;
  signedRanges?: string;
  /** False for an empty signature field ("The signature form field is not signed."). */
  signed: boolean;
  /** "Total document signed" vs "Not total document signed". */
  totalDocument: boolean;
  signatureValidation?: string;
  certificateValidation?: string;
}

/** pdfsig's report of every signature field, the empty ones included (`signed: false`). */
export function runPdfsig(file: string, nssDir?: string): { text: string; signatures: PdfsigSignature[] } {
  const args = nssDir ? ['-nssdir', nssDir, file] : [file];
  let text: string;
  try {
    text = execFileSync('pdfsig', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // pdfsig exits non-zero for files without signatures; its output is still what we read.
    const failed = error as { stdout?: string; stderr?: string };
    text = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  return { text, signatures: parsePdfsig(text) };
}

export function parsePdfsig(text: string): PdfsigSignature[] {
  const signatures: PdfsigSignature[] = [];
  let current: PdfsigSignature | undefined;
  for (const line of text.split('\n')) {
    const header = /^Signature #(\d+):/.exec(line);
    if (header) {
      current = { index: Number(header[1]), signed: true, totalDocument: false };
      signatures.push(current);
      continue;
    }
    if (!current) continue;
    if (line.includes('The signature form field is not signed.')) current.signed = false;
    const entry = /^\s+- (.*?)(?::\s(.*))?$/.exec(line);
    if (!entry) continue;
    const [, key, value = ''] = entry;
    if (key === 'Signature Field Name') current.fieldName = value;
    else if (key === 'Signer Certificate Common Name') current.commonName = value;
    else if (key === 'Signer full Distinguished Name') current.distinguishedName = value;
    else if (key === 'Signature Type') current.signatureType = value;
    else if (key === 'Signed Ranges') current.signedRanges = value;
    else if (key === 'Total document signed') current.totalDocument = true;
    else if (key === 'Signature Validation') current.signatureValidation = value;
    else if (key === 'Certificate Validation') current.certificateValidation = value;
  }
  return signatures;
}
