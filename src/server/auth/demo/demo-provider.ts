/**
 * The built-in DEMONSTRATION OpenID Connect provider (oidc-provider), mounted in-process at /demo-idp so
 * that a fresh checkout can walk through the whole flow while the real relying-party code path runs.
 * It knows only the fictitious persons of demo-persons.ts and one client: this service.
 */
import { generateKeyPairSync } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import { boundedAdapters } from './bounded-adapter';
import { SWEDISH_PERSONNUMMER_CLAIM, SWEDISH_PERSONNUMMER_SCOPE } from '../../../config/auth-config';
import { DEMO_ACR, DEMO_PERSONS, demoPersonName, findDemoPerson, type DemoLanguage } from './demo-persons';
import { DEMO_INVITED_COOKIE, DEMO_STYLESHEET, DEMO_STYLESHEET_PATH, demoInvitedName, demoLanguage, renderChooser, renderDemoError } from './demo-pages';

export const DEMO_MOUNT_PATH = '/demo-idp';
export const DEMO_ROLES_CLAIM = 'roles';
/** Logins started and not finished that the provider remembers (each up to its 10-minute Interaction TTL). */
export const DEMO_MAX_PENDING_LOGINS = 1000;

export interface DemoProviderOptions {
  /** `${PUBLIC_BASE_URL}/demo-idp`. */
  issuer: string;
  client: { clientId: string; clientSecret: string; redirectUri: string };
  cookieKey: string;
  logger: Logger;
  /** Default DEMO_MAX_PENDING_LOGINS: beyond it, the oldest pending login is forgotten. */
  maxPendingLogins?: number;
}

export interface DemoProvider {
  issuer: string;
  /** Mount at '/': serves /demo-idp/** (interaction pages, then the provider's own endpoints). */
  router: express.Router;
  /** Logins started and not yet finished or expired. */
  pendingLogins(): number;
}

const DEMO_SUBJECT_PREFIX = 'demo-';

function accountClaims(accountId: string): Record<string, unknown> | undefined {
  const person = accountId.startsWith(DEMO_SUBJECT_PREFIX) ? findDemoPerson(accountId.slice(DEMO_SUBJECT_PREFIX.length)) : undefined;
  if (person === undefined) return undefined;
  return {
    sub: accountId,
    name: demoPersonName(person),
    given_name: person.givenName,
    family_name: person.surname,
    email: person.email,
    email_verified: true,
    [SWEDISH_PERSONNUMMER_CLAIM]: person.personnummer,
    [DEMO_ROLES_CLAIM]: person.roles,
  };
}

function invitedHint(req: Request): { invitedName?: string } {
  const name = demoInvitedName(req.headers.cookie);
  return name === undefined ? {} : { invitedName: name };
}

export function createDemoProvider(options: DemoProviderOptions): DemoProvider {
  const { issuer, client, logger } = options;
  const browserPath = new URL(issuer).pathname.replace(/\/$/, '');
  const stylesheetHref = browserPath + DEMO_STYLESHEET_PATH;
  // A fresh signing key per start: ID tokens are consumed at once by the login callback, never kept.
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  // Not oidc-provider's default store: that one is shared by every provider in the process.
  const storage = boundedAdapters(options.maxPendingLogins ?? DEMO_MAX_PENDING_LOGINS);

  const configuration: Configuration = {
    adapter: storage.factory,
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'Justera',
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'ES256' }] },
    cookies: { keys: [options.cookieKey] },
    pkce: { required: () => true },
    // Short lives: a demo login is one redirect round trip, and the service keeps its own session.
    ttl: { AuthorizationCode: 60, AccessToken: 300, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    acrValues: [DEMO_ACR],
    claims: {
      // The Swedish OIDC profile puts acr in every ID token; oidc-provider adds it only for claims listed here.
      openid: ['sub', 'acr'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
      [SWEDISH_PERSONNUMMER_SCOPE]: [SWEDISH_PERSONNUMMER_CLAIM],
      roles: [DEMO_ROLES_CLAIM],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    clientBasedCORS: () => false,
    findAccount: (_ctx, sub) => {
      const claims = accountClaims(sub);
      return claims === undefined ? undefined : { accountId: sub, claims: () => claims as { sub: string } };
    },
    interactions: { url: (_ctx, interaction) => `${browserPath}/interaction/${interaction.uid}` },
    // The only client is this service itself (first party): the person's consent is implied.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const session = ctx.oidc.session;
      const clientId = ctx.oidc.client?.clientId;
      if (session?.accountId === undefined || clientId === undefined) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(clientId);
      const grant = (grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined) ??
        new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      const lang = demoLanguage(ctx.oidc?.params?.ui_locales, ctx.headers.cookie);
      const code = `${out.error}${out.error_description ? ` (${out.error_description})` : ''}`;
      ctx.type = 'html';
      ctx.body = renderDemoError(lang, stylesheetHref, lang === 'en' ? `Error from the demo login: ${code}` : `Felkod från demoinloggningen: ${code}`);
    },
  };

  const provider = new Provider(issuer, configuration);
  // Behind a TLS-terminating proxy: X-Forwarded-Proto, which only a trusted proxy's requests keep (below).
  provider.proxy = issuer.startsWith('https:');
  provider.on('server_error', (_ctx: unknown, error: Error) => logger.error({ err: error }, 'demo OpenID provider error'));

  const router = express.Router();
  router.get(DEMO_MOUNT_PATH + DEMO_STYLESHEET_PATH, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(DEMO_STYLESHEET);
  });

  const interactionPath = `${DEMO_MOUNT_PATH}/interaction/:uid`;
  const sendError = (res: Response, lang: DemoLanguage, message: Record<DemoLanguage, string>) => {
    res.set('Cache-Control', 'no-store').status(400).type('html').send(renderDemoError(lang, stylesheetHref, message[lang]));
  };
  /** The interaction behind the browser's cookie, or undefined after answering that it is gone. */
  const interaction = async (req: Request, res: Response) => {
    try {
      return await provider.interactionDetails(req, res);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'SessionNotFound')) throw error;
      sendError(res, demoLanguage(undefined, req.headers.cookie), {
        sv: 'Inloggningen har gått ut eller redan avslutats.',
        en: 'The login has expired or has already ended.',
      });
      return undefined;
    }
  };

  router.get(interactionPath, async (req: Request, res: Response) => {
    const details = await interaction(req, res);
    if (details === undefined) return;
    const lang = demoLanguage(details.params.ui_locales, req.headers.cookie);
    if (details.prompt.name !== 'login') {
      sendError(res, lang, { sv: `Oväntat steg i inloggningen: ${details.prompt.name}`, en: `Unexpected login step: ${details.prompt.name}` });
      return;
    }
    const base = `${browserPath}/interaction/${encodeURIComponent(details.uid)}`;
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderChooser({ lang, stylesheetHref, loginAction: `${base}/login`, abortAction: `${base}/abort`, clientName: 'Justera', ...invitedHint(req) }));
  });

  const formBody = express.urlencoded({ extended: false, limit: '2kb' });
  router.post(`${interactionPath}/login`, formBody, async (req: Request, res: Response) => {
    const details = await interaction(req, res);
    if (details === undefined) return;
    const chosen = typeof req.body?.person === 'string' ? findDemoPerson(req.body.person) : undefined;
    if (chosen === undefined) {
      const names = DEMO_PERSONS.map(demoPersonName).join(', ');
      sendError(res, demoLanguage(details.params.ui_locales, req.headers.cookie), { sv: `Välj en av testpersonerna (${names}).`, en: `Choose one of the test persons (${names}).` });
      return;
    }
    if (details.session !== undefined) {
      // Every login here is fresh (prompt=login): end the provider session of an earlier login in this browser
      // and detach it, or oidc-provider would answer a change of person with a scripted logout round trip.
      await (await provider.Session.findByUid(details.session.uid))?.destroy();
      delete details.session;
      await details.save(details.exp - Math.floor(Date.now() / 1000));
    }
    // The hint was for this login only: a later login in this browser starts without it.
    res.clearCookie(DEMO_INVITED_COOKIE, { path: DEMO_MOUNT_PATH });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: DEMO_SUBJECT_PREFIX + chosen.id, acr: DEMO_ACR, amr: ['demo'], remember: false } },
      { mergeWithLastSubmission: false },
    );
  });

  router.post(`${interactionPath}/abort`, async (req: Request, res: Response) => {
    if ((await interaction(req, res)) === undefined) return;
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled the demo login' },
      { mergeWithLastSubmission: false },
    );
  });

  router.use(DEMO_MOUNT_PATH, untrustedForwardingRemoved, provider.callback());
  return { issuer, router, pendingLogins: () => storage.size('Interaction') };
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

/**
 * Koa (under oidc-provider) believes X-Forwarded-* from any client once `proxy` is set; Express decides by
 * the TRUST_PROXY list. The provider sees those headers only when they come from a proxy that list trusts.
 */
export function untrustedForwardingRemoved(req: Request, _res: Response, next: () => void): void {
  const trusted = req.app.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  if (!trusted?.(req.socket.remoteAddress ?? '', 0)) for (const header of FORWARDING_HEADERS) delete req.headers[header];
  next();
}
