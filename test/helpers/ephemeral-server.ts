/**
 * An HTTP server on 127.0.0.1 and a free port, with the app built after the port is known: the service's
 * URLs (OpenID issuer, redirect URI, invitation links) come from PUBLIC_BASE_URL, which must name that port.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EphemeralServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

export async function startEphemeralServer(build: (baseUrl: string) => Promise<RequestListener>): Promise<EphemeralServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    server.on('request', await build(baseUrl));
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    baseUrl,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
