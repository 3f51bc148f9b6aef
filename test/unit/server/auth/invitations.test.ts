import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { fixedClock } from '../../../../src/clock';
import { createInvitations, INVITATION_AUDIENCE, type InvitationRequest } from '../../../../src/server/auth/invitations';
import type { AuthenticatedPerson } from '../../../../src/server/auth/person';
import { deriveKey } from '../../../../src/server/auth/secrets';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const keys = {
  signingKey: deriveKey(SECRET, 'invitation-signing'),
  personHmacKey: deriveKey(SECRET, 'invitation-person-hmac'),
};
const ISSUER = 'http://127.0.0.1:3000';
const issuedAt = fixedClock('2023-09-22T08:00:00Z');
const invitations = createInvitations(keys, { issuer: ISSUER, clock: issuedAt });

const request: InvitationRequest = {
  extractId: 'ext-1',
  documentVersion: 2,
  field: 'justerare-1',
  person: { name: 'Sara Grolander', personnummer: '19821105-4427', email: 'Sara.Grolander@example.org' },
  expiresAt: new Date('2023-10-05T22:00:00Z'),
};

const sara: AuthenticatedPerson = {
  subject: 'demo-sara',
  name: 'Sara Grolander',
  givenName: 'Sara',
  surname: 'Grolander',
  personnummer: '198211054427',
  email: 'sara.grolander@example.org',
  acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
  roles: [],
};

function tamper(token: string, part: 0 | 1 | 2): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('invitation tokens', () => {
  test('round trip: verify gives back what was issued, with a jti', async () => {
    const token = await invitations.issue(request);
    const claims = await invitations.verify(token);
    expect(claims).toMatchObject({
      extractId: 'ext-1',
      documentVersion: 2,
      field: 'justerare-1',
      name: 'Sara Grolander',
      issuedAt: new Date('2023-09-22T08:00:00Z'),
      expiresAt: new Date('2023-10-05T22:00:00Z'),
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.personnummerHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', typ: 'justera-invitation+jwt' });
    expect(decodeJwt(token)).toMatchObject({ iss: ISSUER, aud: INVITATION_AUDIENCE });
  });

  test('two links for the same field get different jti', async () => {
    const a = await invitations.verify(await invitations.issue(request));
    const b = await invitations.verify(await invitations.issue(request));
    expect(a.jti).not.toBe(b.jti);
  });

  test('the token payload does not contain the personnummer or the e-mail, in any form', async () => {
    const token = await invitations.issue(request);
    const payloadText = Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8');
    for (const form of ['198211054427', '19821105-4427', '8211054427', '821105-4427', '821105']) {
      expect(payloadText).not.toContain(form);
    }
    expect(payloadText.toLowerCase()).not.toContain('grolander@');
    expect(payloadText).toContain('Sara Grolander'); // the name is shown on the invitation page before login
  });

  test.each([
    ['header', 0],
    ['payload', 1],
    ['signature', 2],
  ] as const)('a token with an altered %s is ERR_INVITATION_INVALID', async (_what, part) => {
    const token = await invitations.issue(request);
    await expect(invitations.verify(tamper(token, part))).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
  });

  test('a token signed with another key, or for another audience or issuer, is ERR_INVITATION_INVALID', async () => {
    const other = createInvitations(
      { signingKey: deriveKey(`${SECRET}x`, 'invitation-signing'), personHmacKey: keys.personHmacKey },
      { issuer: ISSUER, clock: issuedAt },
    );
    await expect(invitations.verify(await other.issue(request))).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });

    const otherIssuer = createInvitations(keys, { issuer: 'https://other.example', clock: issuedAt });
    await expect(invitations.verify(await otherIssuer.issue(request))).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });

    const now = Math.floor(issuedAt.now().getTime() / 1000);
    const wrongAudience = await new SignJWT({ extractId: 'ext-1', documentVersion: 1, field: 'ordforande', name: 'X' })
      .setProtectedHeader({ alg: 'HS256', typ: 'justera-invitation+jwt' })
      .setIssuer(ISSUER)
      .setAudience('justera:session')
      .setJti('j')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(keys.signingKey);
    await expect(invitations.verify(wrongAudience)).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
  });

  test('garbage is ERR_INVITATION_INVALID', async () => {
    for (const token of ['', 'abc', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.']) {
      await expect(invitations.verify(token)).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
    }
  });

  test('after expiresAt (injected clock) the token is ERR_INVITATION_EXPIRED; just before it is fine', async () => {
    const token = await invitations.issue(request);
    const before = createInvitations(keys, { issuer: ISSUER, clock: fixedClock('2023-10-05T21:59:59Z') });
    await expect(before.verify(token)).resolves.toMatchObject({ field: 'justerare-1' });
    const after = createInvitations(keys, { issuer: ISSUER, clock: fixedClock('2023-10-05T22:00:00Z') });
    await expect(after.verify(token)).rejects.toMatchObject({ code: 'ERR_INVITATION_EXPIRED', field: 'token' });
  });

  test('an expired token that was also altered is INVALID, not EXPIRED (the signature is checked first)', async () => {
    const token = await invitations.issue(request);
    const after = createInvitations(keys, { issuer: ISSUER, clock: fixedClock('2024-01-01T00:00:00Z') });
    await expect(after.verify(tamper(token, 2))).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
  });

  test('acceptExpired gives back the claims of an expired genuine token, and still refuses an altered or foreign one', async () => {
    const token = await invitations.issue(request);
    const after = createInvitations(keys, { issuer: ISSUER, clock: fixedClock('2024-01-01T00:00:00Z') });
    await expect(after.verify(token, { acceptExpired: true })).resolves.toMatchObject({ field: 'justerare-1', expiresAt: new Date('2023-10-05T22:00:00Z') });
    await expect(after.verify(tamper(token, 1), { acceptExpired: true })).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
    const otherIssuer = createInvitations(keys, { issuer: 'https://elsewhere.example', clock: fixedClock('2024-01-01T00:00:00Z') });
    await expect(otherIssuer.verify(token, { acceptExpired: true })).rejects.toMatchObject({ code: 'ERR_INVITATION_INVALID' });
  });

  test('issue refuses what cannot make a usable link', async () => {
    await expect(invitations.issue({ ...request, expiresAt: new Date('2023-09-22T08:00:00Z') })).rejects.toMatchObject({
      code: 'ERR_INPUT_INVALID',
      field: 'expiresAt',
    });
    await expect(invitations.issue({ ...request, person: { name: 'Nobody' } })).rejects.toMatchObject({
      code: 'ERR_INPUT_INVALID',
      field: 'person.personnummer',
    });
    await expect(
      invitations.issue({ ...request, person: { name: 'Sara', personnummer: '19821105-4428' } }),
    ).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID', field: 'person.personnummer' });
    await expect(invitations.issue({ ...request, documentVersion: 0 })).rejects.toMatchObject({ field: 'documentVersion' });
  });
});

describe('matchesInvitedPerson', () => {
  test('the invited person matches by personnummer and by e-mail (case-insensitive)', async () => {
    const claims = await invitations.verify(await invitations.issue(request));
    expect(invitations.matchesInvitedPerson(claims, sara, 'personnummer')).toBe(true);
    expect(invitations.matchesInvitedPerson(claims, { ...sara, email: 'SARA.grolander@example.org' }, 'email')).toBe(true);
  });

  test('another person does not match, in either mode', async () => {
    const claims = await invitations.verify(await invitations.issue(request));
    const asa: AuthenticatedPerson = {
      ...sara,
      subject: 'demo-asa',
      name: 'Åsa Öberg',
      personnummer: '198309299868',
      email: 'asa.oberg@example.org',
    };
    expect(invitations.matchesInvitedPerson(claims, asa, 'personnummer')).toBe(false);
    expect(invitations.matchesInvitedPerson(claims, asa, 'email')).toBe(false);
  });

  test('the same name is not enough, nor is a matching e-mail in personnummer mode', async () => {
    const claims = await invitations.verify(await invitations.issue(request));
    const namesake = { ...sara, personnummer: '198309299868' };
    expect(invitations.matchesInvitedPerson(claims, namesake, 'personnummer')).toBe(false);
    const { personnummer: _ignored, ...withoutPnr } = sara;
    expect(invitations.matchesInvitedPerson(claims, withoutPnr, 'personnummer')).toBe(false);
  });

  test('an invitation without personnummer falls back to the e-mail, and vice versa', async () => {
    const byEmail = await invitations.verify(
      await invitations.issue({ ...request, person: { name: 'Sara Grolander', email: 'sara.grolander@example.org' } }),
    );
    expect(byEmail.personnummerHash).toBeUndefined();
    expect(invitations.matchesInvitedPerson(byEmail, sara, 'personnummer')).toBe(true);
    expect(invitations.matchesInvitedPerson(byEmail, { ...sara, email: 'x@example.org' }, 'personnummer')).toBe(false);

    const byPnr = await invitations.verify(
      await invitations.issue({ ...request, person: { name: 'Sara Grolander', personnummer: '198211054427' } }),
    );
    expect(invitations.matchesInvitedPerson(byPnr, sara, 'email')).toBe(true);
    const { email: _e, ...noEmail } = sara;
    expect(invitations.matchesInvitedPerson(byPnr, noEmail, 'email')).toBe(true);
  });

  test('the personnummer hash is keyed: another server secret gives another hash', async () => {
    const other = createInvitations(
      { signingKey: keys.signingKey, personHmacKey: deriveKey(`${SECRET}x`, 'invitation-person-hmac') },
      { issuer: ISSUER, clock: issuedAt },
    );
    const a = await invitations.verify(await invitations.issue(request));
    const b = await other.verify(await other.issue(request));
    expect(a.personnummerHash).not.toBe(b.personnummerHash);
  });
});
