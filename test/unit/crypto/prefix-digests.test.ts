/**
 * The one-pass digests of a file's byte ranges are the digests computed on their own, whatever the order of
 * the requests, and for ranges that do not start the file, and without an incremental hash.
 */
import { randomBytes } from 'node:crypto';
import type { CryptoProvider } from '../../../src/crypto/crypto-provider';
import { NodeCryptoProvider } from '../../../src/crypto/node-crypto-provider';
import { PrefixDigests } from '../../../src/crypto/prefix-digests';

const crypto = new NodeCryptoProvider();
const file = new Uint8Array(randomBytes(100_000));
// Three incremental signatures: each signs [0, hole) and [hole end, its revision end).
const ranges = [[10_000, 20_000, 30_000], [40_000, 50_000, 60_000], [80_000, 81_000, 100_000]].map(([a, b, end]) => [file.subarray(0, a), file.subarray(b, end)]);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

async function expected(algorithm: 'SHA-256' | 'SHA-512', parts: readonly Uint8Array[]): Promise<string> {
  return hex(await crypto.digest(algorithm, parts));
}

it('gives each range the digest computed on its own, in file order and out of it, per algorithm', async () => {
  for (const order of [[0, 1, 2], [2, 0, 1], [1, 1, 0]]) {
    const digests = new PrefixDigests(crypto, file);
    for (const index of order) {
      for (const algorithm of ['SHA-256', 'SHA-512'] as const) {
        expect(hex(await digests.digest(algorithm, ranges[index]!))).toBe(await expected(algorithm, ranges[index]!));
      }
    }
    expect(hex(await digests.digest('SHA-256', [file]))).toBe(await expected('SHA-256', [file]));
  }
});

it('hashes the same parts array once per algorithm', async () => {
  const digests = new PrefixDigests(crypto, file);
  const first = await digests.digest('SHA-256', ranges[1]!);
  expect(await digests.digest('SHA-256', ranges[1]!)).toBe(first);
  expect(hex(await digests.digest('SHA-512', ranges[1]!))).toBe(await expected('SHA-512', ranges[1]!));
  expect(hex(await digests.digest('SHA-256', [...ranges[1]!]))).toBe(hex(first));
});

it('hashes parts that do not start the file, and parts of another array, on their own', async () => {
  const digests = new PrefixDigests(crypto, file);
  const copy = new Uint8Array(file);
  await digests.digest('SHA-256', ranges[2]!);
  expect(hex(await digests.digest('SHA-256', [file.subarray(5, 50)]))).toBe(await expected('SHA-256', [file.subarray(5, 50)]));
  copy[0] ^= 1;
  expect(hex(await digests.digest('SHA-256', [copy.subarray(0, 90_000)]))).toBe(await expected('SHA-256', [copy.subarray(0, 90_000)]));
});

it('falls back to whole digests where the provider has no incremental hash (WebCrypto)', async () => {
  const calls: number[] = [];
  const plain: CryptoProvider = {
    digest: (algorithm, parts) => {
      calls.push(parts.length);
      return crypto.digest(algorithm, parts);
    },
    verify: (check) => crypto.verify(check),
    supports: (scheme) => crypto.supports(scheme),
  };
  const digests = new PrefixDigests(plain, file);
  expect(hex(await digests.digest('SHA-256', ranges[1]!))).toBe(await expected('SHA-256', ranges[1]!));
  expect(calls).toEqual([2]);
});
