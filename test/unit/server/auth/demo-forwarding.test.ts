/**
 * The demo provider (Koa under oidc-provider, `proxy` on behind TLS) sees X-Forwarded-* only from a proxy
 * that TRUST_PROXY names; from anyone else they are dropped before it reads them.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { untrustedForwardingRemoved } from '../../../../src/server/auth/demo/demo-provider';

async function forwardedSeen(trustProxy: string[] | false): Promise<Record<string, string | undefined>> {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(untrustedForwardingRemoved, (req, res) => {
    res.json({ proto: req.headers['x-forwarded-proto'], for: req.headers['x-forwarded-for'], forwarded: req.headers.forwarded });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/demo-idp/auth`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9;proto=https' },
    });
    return (await response.json()) as Record<string, string | undefined>;
  } finally {
    server.close();
  }
}

it('drops the forwarding headers of a client that is no trusted proxy', async () => {
  expect(await forwardedSeen(false)).toEqual({});
  expect(await forwardedSeen(['10.0.0.0/8'])).toEqual({});
});

it('keeps them from a trusted proxy', async () => {
  expect(await forwardedSeen(['127.0.0.1'])).toEqual({ proto: 'https', for: '203.0.113.9', forwarded: 'for=203.0.113.9;proto=https' });
});
