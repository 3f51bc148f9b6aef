import { resolve } from 'node:path';
import { loadServiceConfig } from '../../../src/config/service-config';

describe('loadServiceConfig', () => {
  it('defaults: port 3000, SQLite in ./data, keys-example, builtin TSA, outbox mail, personnummer match', () => {
    const config = loadServiceConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: resolve('data'),
      database: { kind: 'sqlite', file: resolve('data', 'justera.sqlite') },
      publicBaseUrl: 'http://localhost:3000',
      keysDir: resolve('keys-example'),
      tsaUrl: 'builtin',
      mail: { kind: 'outbox' },
      signerMatch: 'personnummer',
      loadExample: true,
      testPauseInSignatureMs: 0,
      anslagPublishDelayDays: 0,
    });
  });

  it('the anslag may be posted up to the second day after justering', () => {
    expect(loadServiceConfig({ ANSLAG_PUBLISH_DELAY_DAYS: '2' }).anslagPublishDelayDays).toBe(2);
  });

  it('a postgres URL selects PostgreSQL; the public URL loses its trailing slash', () => {
    const config = loadServiceConfig({ DATABASE_URL: 'postgres://u@db:5432/justera', PUBLIC_BASE_URL: 'https://justera.example.se/', MAIL_TRANSPORT: 'smtp://mail:25' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/justera' });
    expect(config.publicBaseUrl).toBe('https://justera.example.se');
    expect(config.mail).toEqual({ kind: 'smtp', url: 'smtp://mail:25' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_BASE_URL', 'localhost:3000'],
    ['TSA_URL', 'ftp://tsa'],
    ['SIGNER_MATCH', 'name'],
    ['MAIL_TRANSPORT', 'sendmail'],
    ['ANSLAG_PUBLISH_DELAY_DAYS', '3'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'my-proxy.internal'],
    ['TRUST_PROXY', '127.0.0.1,*'],
  ])('refuses %s=%s with ERR_CONFIG_INVALID naming the variable', (name, value) => {
    expect(() => loadServiceConfig({ [name]: value })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', field: name, message: expect.stringContaining(name) }));
  });

  it('TSA_CHAIN names the chain file of the external TSA that TSA_URL names, and only of one', () => {
    expect(loadServiceConfig({}).tsaChainFile).toBeUndefined();
    expect(loadServiceConfig({ TSA_URL: 'https://tsa.example/tsr', TSA_CHAIN: 'tsa-chain.pem' }).tsaChainFile).toBe(resolve('tsa-chain.pem'));
    expect(() => loadServiceConfig({ TSA_CHAIN: 'tsa-chain.pem' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', field: 'TSA_CHAIN', message: expect.stringContaining('TSA_URL') }));
  });

  it('no proxy is trusted unless TRUST_PROXY names it: addresses, CIDR ranges and express\'s names', () => {
    expect(loadServiceConfig({}).trustProxy).toEqual([]);
    expect(loadServiceConfig({ TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,loopback,::1,fd00::/8' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', 'loopback', '::1', 'fd00::/8']);
  });

  it('the signature pause hook works only with JUSTERA_TEST_HOOKS=1', () => {
    expect(loadServiceConfig({ JUSTERA_TEST_PAUSE_IN_SIGNATURE_MS: '500' }).testPauseInSignatureMs).toBe(0);
    expect(loadServiceConfig({ JUSTERA_TEST_HOOKS: '1', JUSTERA_TEST_PAUSE_IN_SIGNATURE_MS: '500' }).testPauseInSignatureMs).toBe(500);
  });
});
