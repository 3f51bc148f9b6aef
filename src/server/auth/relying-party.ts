/**
 * The service as an OpenID Connect relying party (openid-client): authorization code flow with PKCE (S256),
 * state and nonce, then the userinfo claims. Discovery is lazy (first login), because the built-in demo
 * provider is served by this very process and is reachable only once the server listens.
 */
import * as oidc from 'openid-client';
import { JusteraError } from '../../errors';
// How old the provider's authentication may be at the callback: the lifetime of the login in progress.
import { LOGIN_TTL_SECONDS } from './session';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  acrValues?: string[];
}

/** What the browser's login cookie must carry from the login redirect to the callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface RelyingParty {
  /** `uiLocales`: the person's language, passed on as ui_locales (OpenID Connect Core 3.1.2.1). */
  startLogin(returnTo: string, uiLocales?: string): Promise<{ authorizationUrl: URL; transaction: LoginTransaction }>;
  /**
   * Exchanges the code and returns the ID token's claims merged with userinfo (the ID token wins for
   * `sub`, `acr`, `auth_time`).
   * @throws JusteraError ERR_UNAUTHENTICATED when the provider refused or any check failed.
   */
  completeLogin(callbackQuery: string, transaction: LoginTransaction): Promise<Record<string, unknown>>;
}

/** http is accepted for a loopback issuer only (the demo provider, a developer's local provider). */
function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.protocol !== 'https:' && !isLoopback(issuerUrl)) {
    throw new JusteraError('ERR_CONFIG_INVALID', `The OpenID provider ${options.issuer} must use https`, {
      field: 'OIDC_ISSUER',
    });
  }
  let configuration: Promise<oidc.Configuration> | undefined;

  function discover(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(issuerUrl, options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), {
        execute: issuerUrl.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        configuration = undefined; // try again on the next login: the provider may just not be up yet
        throw new JusteraError('ERR_UNAUTHENTICATED', `The OpenID provider ${options.issuer} cannot be reached`, {
          cause: error,
        });
      });
    return configuration;
  }

  async function startLogin(returnTo: string, uiLocales?: string) {
    const config = await discover();
    const transaction: LoginTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const parameters: Record<string, string> = {
      redirect_uri: options.redirectUri,
      scope: options.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      // A signature is a legal act: always authenticate afresh instead of riding on a provider session,
      // and check (auth_time, max_age) that the provider really did.
      prompt: 'login',
      max_age: String(LOGIN_TTL_SECONDS),
    };
    if (options.acrValues !== undefined) parameters.acr_values = options.acrValues.join(' ');
    if (uiLocales !== undefined) parameters.ui_locales = uiLocales;
    const authorizationUrl = oidc.buildAuthorizationUrl(config, parameters);
    return { authorizationUrl, transaction };
  }

  async function completeLogin(callbackQuery: string, transaction: LoginTransaction) {
    const config = await discover();
    // The URL the provider redirected to, as registered, with the query the browser brought back.
    const callbackUrl = new URL(options.redirectUri);
    callbackUrl.search = callbackQuery;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
        maxAge: LOGIN_TTL_SECONDS,
      });
      const idClaims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { ...userinfo, ...idClaims } as Record<string, unknown>;
    } catch (error) {
      const reason =
        error instanceof oidc.AuthorizationResponseError
          ? `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`
          : error instanceof Error
            ? error.message
            : 'unknown error';
      throw new JusteraError('ERR_UNAUTHENTICATED', `Login failed: ${reason}`, { cause: error });
    }
  }

  return { startLogin, completeLogin };
}
