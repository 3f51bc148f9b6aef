/**
 * The authenticated person as the rest of the service sees it, built from the OpenID Connect claims
 * (ID token and userinfo). Pure: no HTTP, no cookies.
 */
import { JusteraError } from '../../errors';
import type { SigningPerson } from '../../use-cases/service-context';
import { normalizePersonnummer } from '../../domain/personnummer';

export const PERSON_ROLES = ['secretary', 'signer', 'admin'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * The person the use cases sign for (SigningPerson: `subject` is the provider's `sub`, stable per person and
 * provider; `personnummer` 12 digits YYYYMMDDNNNC, never logged, never on a public page; `email` only when the
 * provider did not say it is unverified; `acr` the level of assurance, e.g.
 * http://id.elegnamnden.se/loa/1.0/loa3), plus what the login layer decides from the claims: the roles.
 */
export interface AuthenticatedPerson extends SigningPerson {
  roles: PersonRole[];
}

declare global {
  // Express's own extension point for per-response data (see @types/express-serve-static-core).
  namespace Express {
    interface Locals {
      person?: AuthenticatedPerson;
    }
  }
}

export interface ClaimNames {
  personnummerClaim: string;
  rolesClaim: string;
}

function text(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function rolesFrom(value: unknown): PersonRole[] {
  const list = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  return PERSON_ROLES.filter((role) => list.includes(role));
}

/**
 * @throws JusteraError ERR_UNAUTHENTICATED naming the claim the provider did not release (a signature
 * needs the person's name and the authentication level).
 */
export function personFromClaims(claims: Record<string, unknown>, names: ClaimNames, today: Date): AuthenticatedPerson {
  const missing = (claim: string) =>
    new JusteraError('ERR_UNAUTHENTICATED', `The identity provider did not release the "${claim}" claim`, {
      field: claim,
    });
  const subject = text(claims, 'sub');
  if (subject === undefined) throw missing('sub');
  const givenName = text(claims, 'given_name');
  const surname = text(claims, 'family_name');
  if (givenName === undefined) throw missing('given_name');
  if (surname === undefined) throw missing('family_name');
  const acr = text(claims, 'acr');
  if (acr === undefined) throw missing('acr');

  const person: AuthenticatedPerson = {
    subject,
    name: text(claims, 'name') ?? `${givenName} ${surname}`,
    givenName,
    surname,
    acr,
    roles: rolesFrom(claims[names.rolesClaim]),
  };
  const personnummer = text(claims, names.personnummerClaim);
  if (personnummer !== undefined) {
    try {
      person.personnummer = normalizePersonnummer(personnummer, today, names.personnummerClaim);
    } catch (error) {
      throw new JusteraError('ERR_UNAUTHENTICATED', 'The identity provider sent an invalid personnummer', {
        field: names.personnummerClaim,
        cause: error,
      });
    }
  }
  const email = text(claims, 'email');
  if (email !== undefined && claims['email_verified'] !== false) person.email = email;
  return person;
}
