import { SWEDISH_PERSONNUMMER_CLAIM } from '../../../../src/config/auth-config';
import { personFromClaims } from '../../../../src/server/auth/person';

const names = { personnummerClaim: SWEDISH_PERSONNUMMER_CLAIM, rolesClaim: 'roles' };
const today = new Date('2026-06-01T00:00:00Z');
const base = {
  sub: 's-1',
  given_name: 'Åsa',
  family_name: 'Öberg',
  acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
};

describe('personFromClaims', () => {
  test('maps the Swedish OIDC profile claims', () => {
    expect(
      personFromClaims(
        { ...base, name: 'Åsa Öberg', email: 'asa@example.org', email_verified: true, [SWEDISH_PERSONNUMMER_CLAIM]: '198309299868', roles: ['secretary', 'superuser'] },
        names,
        today,
      ),
    ).toEqual({
      subject: 's-1',
      name: 'Åsa Öberg',
      givenName: 'Åsa',
      surname: 'Öberg',
      personnummer: '198309299868',
      email: 'asa@example.org',
      acr: 'http://id.elegnamnden.se/loa/1.0/loa3',
      roles: ['secretary'],
    });
  });

  test('builds the name from its parts, takes space-separated roles, drops an unverified e-mail', () => {
    const person = personFromClaims({ ...base, roles: 'admin secretary', email: 'x@example.org', email_verified: false }, names, today);
    expect(person.name).toBe('Åsa Öberg');
    expect(person.roles).toEqual(['secretary', 'admin']);
    expect(person.email).toBeUndefined();
    expect(person.personnummer).toBeUndefined();
  });

  test.each(['sub', 'given_name', 'family_name', 'acr'])('a missing %s refuses the login, naming the claim', (claim) => {
    const claims: Record<string, unknown> = { ...base };
    delete claims[claim];
    expect(() => personFromClaims(claims, names, today)).toThrow(
      expect.objectContaining({ code: 'ERR_UNAUTHENTICATED', field: claim }),
    );
  });

  test('an invalid personnummer claim refuses the login', () => {
    expect(() => personFromClaims({ ...base, [SWEDISH_PERSONNUMMER_CLAIM]: '198309299869' }, names, today)).toThrow(
      expect.objectContaining({ code: 'ERR_UNAUTHENTICATED', field: SWEDISH_PERSONNUMMER_CLAIM }),
    );
  });
});
