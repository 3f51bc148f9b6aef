import { loadAuthConfig, SWEDISH_PERSONNUMMER_CLAIM } from '../../../src/config/auth-config';

describe('loadAuthConfig', () => {
  test('no variables: the demo provider, the Swedish profile defaults, 30 minutes idle and 8 hours a session', () => {
    expect(loadAuthConfig({})).toEqual({
      provider: { kind: 'demo' },
      scopes: ['openid', 'profile', 'email', 'https://id.oidc.se/scope/naturalPersonNumber', 'roles'],
      personnummerClaim: SWEDISH_PERSONNUMMER_CLAIM,
      rolesClaim: 'roles',
      sessionIdleSeconds: 1800,
      sessionLifetimeSeconds: 28800,
    });
  });

  test('an external provider with all its settings', () => {
    const config = loadAuthConfig({
      OIDC_ISSUER: 'https://idp.example.se/oidc',
      OIDC_CLIENT_ID: 'justera',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'https://justera.kommun.example/auth/callback',
      OIDC_SCOPES: 'openid profile',
      OIDC_ACR_VALUES: 'http://id.elegnamnden.se/loa/1.0/loa3',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      provider: { kind: 'external', issuer: 'https://idp.example.se/oidc', clientId: 'justera', clientSecret: 's3cret' },
      redirectUri: 'https://justera.kommun.example/auth/callback',
      scopes: ['openid', 'profile'],
      acrValues: ['http://id.elegnamnden.se/loa/1.0/loa3'],
      sessionSecret: 'x'.repeat(32),
    });
  });

  test('empty variables count as unset', () => {
    expect(loadAuthConfig({ OIDC_ISSUER: '', SESSION_SECRET: '' }).provider).toEqual({ kind: 'demo' });
  });

  test.each([
    [{ OIDC_ISSUER: 'https://idp.example.se' }, 'OIDC_CLIENT_ID'],
    [{ OIDC_ISSUER: 'https://idp.example.se', OIDC_CLIENT_ID: 'a' }, 'OIDC_CLIENT_SECRET'],
    [{ OIDC_ISSUER: 'idp.example.se' }, 'OIDC_ISSUER'],
    [{ OIDC_REDIRECT_URI: '/auth/callback' }, 'OIDC_REDIRECT_URI'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ OIDC_SCOPES: 'profile email' }, 'OIDC_SCOPES'],
  ])('%j → ERR_CONFIG_INVALID naming %s', (env, variable) => {
    expect(() => loadAuthConfig(env)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', field: variable }));
  });
});
