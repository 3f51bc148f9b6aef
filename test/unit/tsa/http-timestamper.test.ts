import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pemEncode } from '../../../src/pki/pem';
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { HttpTimestamper } from '../../../src/tsa/http-timestamper';
import { parseTimeStampToken } from '../../../src/tsa/parse-timestamp-token';
import { decodeTimeStampRequest, encodeTimeStampRequest } from '../../../src/tsa/timestamp-request';
import { exampleKeys, openssl, testClock } from '../pki/openssl-tools';

type Mode = 'ok' | 'wrong-nonce' | 'wrong-imprint' | 'hang' | 'fail-once' | 'html' | 'reject' | 'not-found' | 'huge';

const keys = exampleKeys();
const tsa = BuiltinTsa.fromKeys(keys, testClock);
const imprint = createHash('sha256').update('signature value').digest();

/** The built-in TSA behind node:http on 127.0.0.1, misbehaving as `mode` says. */
describe('HttpTimestamper', () => {
  let server: Server;
  let url: string;
  let mode: Mode = 'ok';
  let requests = 0;
  let lastContentType: string | undefined;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requests++;
    lastContentType = request.headers['content-type'];
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Uint8Array = new Uint8Array(Buffer.concat(chunks));
    if (mode === 'hang') return;
    if (mode === 'huge') {
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      for (let i = 0; i < 40; i++) response.write(Buffer.alloc(64 * 1024));
      response.end();
      return;
    }
    if (mode === 'not-found' || (mode === 'fail-once' && requests === 1)) {
      response.writeHead(mode === 'not-found' ? 404 : 503).end();
      return;
    }
    if (mode === 'wrong-nonce' || mode === 'wrong-imprint') {
      const decoded = decodeTimeStampRequest(body);
      body = encodeTimeStampRequest({
        messageImprint: mode === 'wrong-imprint' ? createHash('sha256').update('other').digest() : new Uint8Array(decoded.request.messageImprint.hashedMessage.buffer),
        digestAlgorithm: 'SHA-256',
        nonce: mode === 'wrong-nonce' ? Uint8Array.of(0x12, 0x34) : decoded.nonceBytes!,
        certReq: true,
      });
    }
    if (mode === 'reject') body = Uint8Array.of(1, 2, 3);
    const reply = await tsa.handleRequest(body);
    response.writeHead(200, { 'content-type': mode === 'html' ? 'text/html' : 'application/timestamp-reply' }).end(Buffer.from(reply));
  }

  beforeAll(async () => {
    server = createServer((request, response) => void answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    mode = 'ok';
    requests = 0;
  });

  it('gets a token over HTTP that echoes our imprint and nonce and that openssl ts -verify accepts', async () => {
    const token = await new HttpTimestamper({ url }).timestamp(imprint, 'SHA-256');
    expect(lastContentType).toBe('application/timestamp-query');
    expect(parseTimeStampToken(token).imprint).toEqual(new Uint8Array(imprint));
    expect(parseTimeStampToken(token).nonceHex).toMatch(/^[0-9a-f]{16}$/);
    const verified = openssl(['ts', '-verify', '-digest', imprint.toString('hex'), '-in', '{token.der}', '-token_in', '-CAfile', '{root.pem}'], {
      'token.der': token,
      'root.pem': pemEncode('CERTIFICATE', keys.root.certificate),
    });
    expect(verified.output).toContain('Verification: OK');
  });

  it('sends a request openssl reads as a SHA-256 query with nonce and certReq', async () => {
    let captured: Uint8Array | undefined;
    const fetchSpy: typeof fetch = async (input, init) => {
      captured = new Uint8Array(init!.body as Uint8Array);
      return fetch(input, init);
    };
    await new HttpTimestamper({ url, fetch: fetchSpy }).timestamp(imprint, 'SHA-256');
    const text = openssl(['ts', '-query', '-in', '{req.tsq}', '-text'], { 'req.tsq': captured! }).output;
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Certificate required: yes');
    expect(text).toMatch(/Nonce: 0x[0-9A-F]{16}/);
  });

  it('answers an openssl ts -query posted over HTTP with a reply openssl ts -verify -queryfile accepts', async () => {
    const query = openssl(['ts', '-query', '-data', '{data.bin}', '-sha512', '-cert', '-out', '{req.tsq}'], { 'data.bin': 'Justerat § 12' }).read('req.tsq');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: query });
    expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
    const verified = openssl(['ts', '-verify', '-queryfile', '{req.tsq}', '-in', '{resp.tsr}', '-CAfile', '{root.pem}'], {
      'req.tsq': query,
      'resp.tsr': new Uint8Array(await response.arrayBuffer()),
      'root.pem': pemEncode('CERTIFICATE', keys.root.certificate),
    });
    expect(verified.output).toContain('Verification: OK');
  });

  it('retries after a 5xx answer', async () => {
    mode = 'fail-once';
    await expect(new HttpTimestamper({ url, retries: 1 }).timestamp(imprint, 'SHA-256')).resolves.toBeInstanceOf(Uint8Array);
    expect(requests).toBe(2);
  });

  it.each<[Mode, RegExp]>([
    ['wrong-nonce', /nonce 1234 is not the nonce we sent/],
    ['wrong-imprint', /another message imprint than the one we sent/],
    ['html', /content type "text\/html", not application\/timestamp-reply/],
    ['reject', /request refused with status 2 \(badDataFormat\): the request is not a DER TimeStampReq/],
    ['not-found', /answered HTTP 404/],
    ['huge', /sent more than 1048576 bytes/],
  ])('refuses a %s answer with ERR_TSA_BAD_RESPONSE naming the URL', async (badMode, message) => {
    mode = badMode;
    const failure = new HttpTimestamper({ url, retries: 2 }).timestamp(imprint, 'SHA-256');
    await expect(failure).rejects.toMatchObject({ code: 'ERR_TSA_BAD_RESPONSE', message: expect.stringMatching(message) });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(url) });
    expect(requests).toBe(1);
  });

  it('gives up with ERR_TSA_UNREACHABLE after the timeout of every attempt', async () => {
    mode = 'hang';
    const failure = new HttpTimestamper({ url, timeoutMs: 150, retries: 1 }).timestamp(imprint, 'SHA-256');
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_TSA_UNREACHABLE',
      message: `time-stamping authority ${url} did not answer after 2 attempts: no answer within 150 ms`,
    });
    expect(requests).toBe(2);
  });

  it('reports a refused connection as ERR_TSA_UNREACHABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/tsa`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(new HttpTimestamper({ url: closedUrl, retries: 0 }).timestamp(imprint, 'SHA-256')).rejects.toMatchObject({
      code: 'ERR_TSA_UNREACHABLE',
      message: expect.stringContaining(closedUrl),
    });
  });
});
