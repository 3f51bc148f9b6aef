import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKey, resolveSessionSecret, SESSION_SECRET_FILE } from '../../../../src/server/auth/secrets';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'justera-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveSessionSecret', () => {
  test('the configured secret wins and nothing is written', async () => {
    await expect(resolveSessionSecret('c'.repeat(40), dir)).resolves.toBe('c'.repeat(40));
    await expect(stat(join(dir, SESSION_SECRET_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('unset: generated once into DATA_DIR (mode 0600); two processes starting at once agree', async () => {
    const dataDir = join(dir, 'data');
    const [a, b] = await Promise.all([resolveSessionSecret(undefined, dataDir), resolveSessionSecret(undefined, dataDir)]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect((await readFile(join(dataDir, SESSION_SECRET_FILE), 'utf8')).trim()).toBe(a);
    expect((await stat(join(dataDir, SESSION_SECRET_FILE))).mode & 0o777).toBe(0o600);
    await expect(resolveSessionSecret(undefined, dataDir)).resolves.toBe(a);
  });
});

describe('deriveKey', () => {
  test('one 32-byte key per purpose and secret', () => {
    const session = deriveKey('s'.repeat(32), 'session');
    expect(session).toHaveLength(32);
    expect(Buffer.from(session).equals(Buffer.from(deriveKey('s'.repeat(32), 'session')))).toBe(true);
    expect(Buffer.from(session).equals(Buffer.from(deriveKey('s'.repeat(32), 'invitation-signing')))).toBe(false);
    expect(Buffer.from(session).equals(Buffer.from(deriveKey('t'.repeat(32), 'session')))).toBe(false);
  });
});
