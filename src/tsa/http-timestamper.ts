/**
 * RFC 3161 over HTTP (RFC 3161 §3.4): POSTs a TimeStampReq with a fresh nonce and certReq, retries on
 * network errors, timeouts and 5xx, and accepts only a granted reply whose token echoes our nonce and
 * imprint. Checking the token's signature and TSA chain is the verifier's job, not the client's.
 */
import { randomBytes } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { TimeStampResp } from '@peculiar/asn1-tsp';
import type { DigestAlgorithm } from '../crypto/crypto-provider';
import { TimestampError } from '../errors';
import { bytesEqual, concatBytes, elementBytes, readChildren, readElement, toHex } from '../asn1/der';
import { DIGEST_OIDS } from '../asn1/oids';
import { parseTimeStampToken } from './parse-timestamp-token';
import { PKI_FAILURE, PKI_STATUS, encodeTimeStampRequest } from './timestamp-request';
import type { Timestamper } from './timestamper';

export interface HttpTimestamperOptions {
  url: string;
  /** Per attempt; default 10 000 ms. */
  timeoutMs?: number;
  /** Further attempts after a network error, timeout or 5xx; default 2. */
  retries?: number;
  /** TSA policy to ask for (TimeStampReq.reqPolicy); none by default. */
  policyOid?: string;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Upper bound of the token size announced for placeholder sizing; default 16 KiB. */
  maxTokenSize?: number;
  /** The TSA's certificate and the CAs above it (DER), when known; default none (the tokens' certificates only). */
  certificateChain?: readonly Uint8Array[];
}

const MAX_RESPONSE_BYTES = 1024 * 1024;
const RETRY_DELAY_MS = 200;

class RetryableFailure extends Error {}

export class HttpTimestamper implements Timestamper {
  readonly url: string;
  readonly maxTokenSize: number;
  readonly certificateChain: readonly Uint8Array[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly policyOid: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpTimestamperOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 2;
    this.policyOid = options.policyOid;
    this.fetchImpl = options.fetch ?? fetch;
    this.maxTokenSize = options.maxTokenSize ?? 16 * 1024;
    this.certificateChain = options.certificateChain ?? [];
  }

  async timestamp(messageImprint: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array> {
    const nonce = new Uint8Array(randomBytes(8));
    nonce[0] = (nonce[0]! & 0x7f) | 0x01;
    const request = encodeTimeStampRequest({
      messageImprint,
      digestAlgorithm,
      nonce,
      certReq: true,
      ...(this.policyOid && { policyOid: this.policyOid }),
    });
    let lastFailure = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      let body: Uint8Array;
      try {
        body = await this.post(request);
      } catch (error) {
        if (error instanceof RetryableFailure) {
          lastFailure = error.message;
          continue;
        }
        throw error;
      }
      return this.acceptResponse(body, messageImprint, digestAlgorithm, nonce);
    }
    throw new TimestampError('ERR_TSA_UNREACHABLE', `time-stamping authority ${this.url} did not answer after ${this.retries + 1} attempts: ${lastFailure}`);
  }

  private async post(request: Uint8Array): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: request,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new RetryableFailure(name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${this.timeoutMs} ms` : `${(error as Error).message}`);
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new RetryableFailure(`HTTP ${response.status}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new TimestampError('ERR_TSA_BAD_RESPONSE', `time-stamping authority ${this.url} answered HTTP ${response.status}`);
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/timestamp-reply') {
      await response.body?.cancel();
      throw new TimestampError('ERR_TSA_BAD_RESPONSE', `time-stamping authority ${this.url} answered with content type "${contentType}", not application/timestamp-reply`);
    }
    return this.readBody(response);
  }

  /** The body, refused as soon as it passes MAX_RESPONSE_BYTES (whatever Content-Length claimed). */
  private async readBody(response: Response): Promise<Uint8Array> {
    const tooLarge = () => new TimestampError('ERR_TSA_BAD_RESPONSE', `time-stamping authority ${this.url} sent more than ${MAX_RESPONSE_BYTES} bytes`);
    if (Number(response.headers.get('content-length') ?? '0') > MAX_RESPONSE_BYTES) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body ?? []) {
        total += chunk.length;
        // Leaving the loop by throwing cancels the stream.
        if (total > MAX_RESPONSE_BYTES) throw tooLarge();
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof TimestampError) throw error;
      throw new RetryableFailure(`the answer broke off: ${(error as Error).message}`);
    }
    return concatBytes(chunks);
  }

  private acceptResponse(body: Uint8Array, imprint: Uint8Array, digestAlgorithm: DigestAlgorithm, nonce: Uint8Array): Uint8Array {
    const bad = (what: string) => new TimestampError('ERR_TSA_BAD_RESPONSE', `time-stamping authority ${this.url}: ${what}`);
    let response: TimeStampResp;
    let token: Uint8Array | undefined;
    try {
      response = AsnConvert.parse(body, TimeStampResp);
      const outer = readElement(body, 0);
      if (outer.end !== body.length) throw new Error('trailing bytes');
      const fields = readChildren(body, outer);
      token = fields[1] ? elementBytes(body, fields[1]) : undefined;
    } catch (error) {
      throw bad(`the answer is not a DER TimeStampResp (${(error as Error).message})`);
    }
    const status = response.status.status;
    if (status !== PKI_STATUS.granted && status !== PKI_STATUS.grantedWithMods) {
      const text = response.status.statusString?.map(String).join('; ') ?? '';
      const failInfo = response.status.failInfo ? failureNames(new Uint8Array(response.status.failInfo.value)) : [];
      throw bad(`request refused with status ${status}${failInfo.length ? ` (${failInfo.join(', ')})` : ''}${text ? `: ${text}` : ''}`);
    }
    if (!token) throw bad('status granted but no token');
    let facts: ReturnType<typeof parseTimeStampToken>;
    try {
      facts = parseTimeStampToken(token);
    } catch (error) {
      throw bad(`the token cannot be read: ${(error as Error).message}`);
    }
    if (facts.imprintAlgorithmOid !== DIGEST_OIDS[digestAlgorithm] || !bytesEqual(facts.imprint, imprint)) {
      throw bad('the token time-stamps another message imprint than the one we sent');
    }
    if (stripZeros(facts.nonceHex ?? '') !== stripZeros(toHex(nonce))) {
      throw bad(`the token's nonce ${facts.nonceHex ?? '(none)'} is not the nonce we sent (${toHex(nonce)})`);
    }
    return new Uint8Array(token);
  }
}

function stripZeros(hex: string): string {
  return hex.replace(/^(00)+/, '');
}

function failureNames(bits: Uint8Array): string[] {
  return Object.entries(PKI_FAILURE)
    .filter(([, bit]) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0)
    .map(([name]) => name);
}

