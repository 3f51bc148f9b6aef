/** An NSS certificate database for pdfsig (poppler), trusting the given root certificates. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a fresh database in a temporary folder and returns its `sql:` path for `pdfsig -nssdir`. */
export function createNssDatabase(trustedRootsPem: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'justera-nss-'));
  const db = `sql:${dir}`;
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  trustedRootsPem.forEach((pem, i) => {
    const file = join(dir, `root-${i}.pem`);
    writeFileSync(file, pem);
    // C = trusted CA for issuing server/client certificates, T = for client certificates (and object signing).
    execFileSync('certutil', ['-A', '-d', db, '-n', `justera-root-${i}`, '-t', 'CT,C,CT', '-a', '-i', file], { stdio: 'pipe' });
  });
  return db;
}
