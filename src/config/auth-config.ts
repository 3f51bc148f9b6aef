/**
 * The login and invitation settings, read once at start from the environment. Values that depend on the
 * service's address (redirect URI) or on DATA_DIR (the generated session secret) are completed by createAuth.
 */
import { z } from 'zod';
import { JusteraError } from '../errors';

/** The Swedish OIDC profile's claim for a personal identity number (id.oidc.se, "Swedish OpenID Connect Profile"). */
export const SWEDISH_PERSONNUMMER_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
/** The Swedish OIDC profile's scope that releases the personnummer claim. */
export const SWEDISH_PERSONNUMMER_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';

export type OidcProviderSetting =
  | { kind: 'demo' }
  | { kind: 'external'; issuer: string; clientId: string; clientSecret: string };

export interface AuthConfig {
  provider: OidcProviderSetting;
  /** Unset: `${PUBLIC_BASE_URL}/auth/callback`. */
  redirectUri?: string;
  scopes: string[];
  /** Requested authentication levels (acr_values); unset: none for an external provider, LoA3 for the demo. */
  acrValues?: string[];
  personnummerClaim: string;
  rolesClaim: string;
  /** Unset: generated once and kept in DATA_DIR/session-secret. */
  sessionSecret?: string;
  /** A session not used for this long ends (SESSION_IDLE_MINUTES, default 30). */
  sessionIdleSeconds: number;
  /** A session ends this long after the login, used or not (SESSION_LIFETIME_HOURS, default 8). */
  sessionLifetimeSeconds: number;
}

const absoluteUrl = (variable: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), `${variable} must be an absolute http(s) URL`);

const schema = z.object({
  OIDC_ISSUER: absoluteUrl('OIDC_ISSUER').optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: absoluteUrl('OIDC_REDIRECT_URI').optional(),
  OIDC_SCOPES: z.string().trim().min(1).optional(),
  OIDC_ACR_VALUES: z.string().trim().min(1).optional(),
  OIDC_PERSONNUMMER_CLAIM: z.string().trim().min(1).optional(),
  OIDC_ROLES_CLAIM: z.string().trim().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int('SESSION_IDLE_MINUTES must be a whole number of minutes').min(1).max(24 * 60).optional(),
  SESSION_LIFETIME_HOURS: z.coerce.number().int('SESSION_LIFETIME_HOURS must be a whole number of hours').min(1).max(24).optional(),
});

const DEFAULT_SCOPES = ['openid', 'profile', 'email', SWEDISH_PERSONNUMMER_SCOPE, 'roles'];

/** Parses the auth variables; a bad or missing value throws ERR_CONFIG_INVALID naming the variable. */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const blankToUndefined = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    throw new JusteraError('ERR_CONFIG_INVALID', `${variable}: ${issue.message}`, { field: variable });
  }
  const vars = parsed.data;

  let provider: OidcProviderSetting = { kind: 'demo' };
  if (vars.OIDC_ISSUER !== undefined) {
    for (const required of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (vars[required] === undefined) {
        throw new JusteraError('ERR_CONFIG_INVALID', `${required} is required when OIDC_ISSUER is set`, {
          field: required,
        });
      }
    }
    provider = {
      kind: 'external',
      issuer: vars.OIDC_ISSUER,
      clientId: vars.OIDC_CLIENT_ID!,
      clientSecret: vars.OIDC_CLIENT_SECRET!,
    };
  }

  const scopes = vars.OIDC_SCOPES?.split(/\s+/) ?? DEFAULT_SCOPES;
  if (!scopes.includes('openid')) {
    throw new JusteraError('ERR_CONFIG_INVALID', 'OIDC_SCOPES must include "openid"', { field: 'OIDC_SCOPES' });
  }

  const config: AuthConfig = {
    provider,
    scopes,
    personnummerClaim: vars.OIDC_PERSONNUMMER_CLAIM ?? SWEDISH_PERSONNUMMER_CLAIM,
    rolesClaim: vars.OIDC_ROLES_CLAIM ?? 'roles',
    sessionIdleSeconds: (vars.SESSION_IDLE_MINUTES ?? 30) * 60,
    sessionLifetimeSeconds: (vars.SESSION_LIFETIME_HOURS ?? 8) * 60 * 60,
  };
  if (vars.OIDC_ACR_VALUES !== undefined) config.acrValues = vars.OIDC_ACR_VALUES.split(/\s+/);
  if (vars.OIDC_REDIRECT_URI !== undefined) config.redirectUri = vars.OIDC_REDIRECT_URI;
  if (vars.SESSION_SECRET !== undefined) config.sessionSecret = vars.SESSION_SECRET;
  return config;
}
