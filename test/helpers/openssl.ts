/**
 * Independent cross-checks with OpenSSL: each signature's CMS and signed bytes are cut out of the file
 * here by reading the /ByteRange alone (not through our parser), then handed to `openssl cms -verify`
 * and `openssl ts -verify`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';

const ID_AA_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

export interface ExtractedSignature {
  byteRange: [number, number, number, number];
  /** The DER in /Contents without its zero padding. */
  der: Buffer;
  signedBytes: Buffer;
}

/** Every /ByteRange in the file, in file order (which is signing order for incremental updates). */
export function extractSignatures(pdf: Buffer): ExtractedSignature[] {
  const text = pdf.toString('latin1');
  const found: ExtractedSignature[] = [];
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = byteRange;
    if (pdf[a + b] !== 0x3c || pdf[c - 1] !== 0x3e) throw new Error(`The gap of /ByteRange ${byteRange.join(' ')} is not a hex string`);
    const hex = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString('latin1'), 'hex');
    found.push({
      byteRange,
      der: hex.subarray(0, derLength(hex)),
      signedBytes: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    });
  }
  return found;
}

function derLength(der: Buffer): number {
  const first = der[1];
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[2 + i];
  return 2 + count + length;
}

export interface CommandResult {
  ok: boolean;
  output: string;
}

/** openssl says "Verification successful" on stderr and "Verification: OK" on stdout: both are kept. */
function run(args: string[]): CommandResult {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Writes `files` to a fresh temp folder, runs `use` with their paths, and removes the folder. */
function withFiles<T>(files: Record<string, Uint8Array | string>, use: (paths: Record<string, string>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'justera-openssl-'));
  try {
    const paths: Record<string, string> = {};
    for (const [fileName, content] of Object.entries(files)) {
      paths[fileName] = join(dir, fileName);
      writeFileSync(paths[fileName], content);
    }
    return use(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl cms -verify` of a detached CMS over the signed bytes, trusting `rootPem` only. */
export function opensslCmsVerify(signature: ExtractedSignature, rootPem: string): CommandResult {
  return withFiles({ 'sig.der': signature.der, 'content.bin': signature.signedBytes, 'root.pem': rootPem }, (files) =>
    run(['cms', '-verify', '-binary', '-inform', 'DER', '-in', files['sig.der']!, '-content', files['content.bin']!, '-CAfile', files['root.pem']!, '-out', '/dev/null']),
  );
}

/** The human-readable dump of a CMS (`openssl cms -cmsout -print`). */
export function opensslCmsPrint(der: Uint8Array): string {
  const result = withFiles({ 'sig.der': der }, (files) => run(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', files['sig.der']!]));
  if (!result.ok) throw new Error(result.output);
  return result.output;
}

/** `openssl ts -verify` of a TimeStampToken against a message imprint, trusting `rootPem` only. */
export function opensslTsVerify(token: Uint8Array, imprint: Uint8Array, rootPem: string, untrustedPem?: string): CommandResult {
  return withFiles({ 'token.der': token, 'root.pem': rootPem, ...(untrustedPem ? { 'untrusted.pem': untrustedPem } : {}) }, (files) => {
    const args = ['ts', '-verify', '-token_in', '-in', files['token.der']!, '-digest', Buffer.from(imprint).toString('hex'), '-CAfile', files['root.pem']!];
    if (untrustedPem) args.push('-untrusted', files['untrusted.pem']!);
    return run(args);
  });
}

/** The signature value of the CMS's only SignerInfo and its signature-time-stamp token, if any. */
export function signatureTimestamp(cms: Uint8Array): { signatureValue: Buffer; token?: Buffer } {
  const contentInfo = AsnConvert.parse(cms, ContentInfo);
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  const signerInfo = signedData.signerInfos[0];
  const attribute = signerInfo.unsignedAttrs?.find((attr) => attr.attrType === ID_AA_TIMESTAMP_TOKEN);
  return {
    signatureValue: Buffer.from(signerInfo.signature.buffer),
    token: attribute ? Buffer.from(attribute.attrValues[0]) : undefined,
  };
}

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
