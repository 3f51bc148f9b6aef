import { fixedClock } from '../../../../src/clock';
import { SealedTokens } from '../../../../src/server/auth/sealed-token';
import { deriveKey } from '../../../../src/server/auth/secrets';

const key = deriveKey('k'.repeat(32), 'session');
const clock = fixedClock('2026-01-01T10:00:00Z');

describe('SealedTokens', () => {
  test('round trip, and the content is not readable', async () => {
    const tokens = new SealedTokens<{ personnummer: string }>(key, 'justera:session', clock);
    const token = await tokens.seal({ personnummer: '198211054427' }, 60);
    expect(token).not.toContain('198211054427');
    expect(Buffer.from(token.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('198211054427');
    await expect(tokens.open(token)).resolves.toEqual({ personnummer: '198211054427' });
  });

  test('expired, altered, for another use or under another key → undefined', async () => {
    const tokens = new SealedTokens<{ a: number }>(key, 'justera:session', clock);
    const token = await tokens.seal({ a: 1 }, 60);
    await expect(new SealedTokens(key, 'justera:session', fixedClock('2026-01-01T10:01:00Z')).open(token)).resolves.toBeUndefined();
    await expect(new SealedTokens(key, 'justera:login', clock).open(token)).resolves.toBeUndefined();
    await expect(new SealedTokens(deriveKey('k'.repeat(32), 'login-transaction'), 'justera:session', clock).open(token)).resolves.toBeUndefined();
    const parts = token.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.open(parts.join('.'))).resolves.toBeUndefined();
    await expect(tokens.open(undefined)).resolves.toBeUndefined();
    await expect(tokens.open('not-a-token')).resolves.toBeUndefined();
  });

  test('a token opened once (and so remembered) is still refused once it has expired', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const tokens = new SealedTokens<{ a: number }>(key, 'justera:session', { now: () => now });
    const token = await tokens.seal({ a: 1 }, 60);
    await expect(tokens.open(token)).resolves.toEqual({ a: 1 });
    now = new Date('2026-01-01T10:00:59Z');
    await expect(tokens.open(token)).resolves.toEqual({ a: 1 });
    now = new Date('2026-01-01T10:01:00Z');
    await expect(tokens.open(token)).resolves.toBeUndefined();
    now = new Date('2026-01-01T10:00:30Z');
    await expect(tokens.open(token)).resolves.toEqual({ a: 1 });
  });
});
