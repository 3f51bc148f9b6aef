/** A hostile or slow document never harms the service: time-outs end the worker, the pool lives on. */
import { fixedClock } from '../../../src/clock';
import { checkerCrashError, createPooledVerifier } from '../../../src/server/public/public-verifier';
import { signedExample } from './public-fixture';

describe('the verification worker pool', () => {
  it('stops a check that takes too long with ERR_PDF_TIMEOUT and goes on with the next one', async () => {
    const example = await signedExample();
    const slow = createPooledVerifier({ trustAnchors: example.keys.trustAnchors, clock: fixedClock('2023-10-06T00:00:00Z'), size: 1, timeoutMs: 1 });
    try {
      await expect(slow.verify(example.final)).rejects.toMatchObject({ code: 'ERR_PDF_TIMEOUT' });
    } finally {
      await slow.close();
    }
    const pool = createPooledVerifier({ trustAnchors: example.keys.trustAnchors, clock: fixedClock('2023-10-06T00:00:00Z'), size: 1 });
    try {
      const broken = pool.verify(Buffer.from('%PDF-1.7\n1 0 obj << /Length 99999999 >> stream\n'));
      await expect(broken).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_PDF_/) });
      const report = await pool.verify(example.final);
      expect(report.indication).toBe('TOTAL_PASSED');
      const all = await Promise.all([pool.verify(example.final), pool.verify(example.final), pool.verify(example.final)]);
      expect(all.map((r) => r.justering?.complete)).toEqual([true, true, true]);
    } finally {
      await pool.close();
    }
  });

  it('refuses work beyond its queue instead of queueing without end', async () => {
    const example = await signedExample();
    const pool = createPooledVerifier({ trustAnchors: example.keys.trustAnchors, clock: fixedClock('2023-10-06T00:00:00Z'), size: 1, maxQueue: 1, cacheTtlMs: 0 });
    try {
      const results = await Promise.allSettled([pool.verify(example.final), pool.verify(example.final), pool.verify(example.final)]);
      expect(results.some((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'ERR_RATE_LIMITED')).toBe(true);
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('answers identical bytes from one verification (a flood of one file costs one check)', async () => {
    const example = await signedExample();
    const pool = createPooledVerifier({ trustAnchors: example.keys.trustAnchors, clock: fixedClock('2023-10-06T00:00:00Z'), size: 1, maxQueue: 1 });
    try {
      // With a queue of one, three distinct checks at once would be refused (test above); the same file is shared.
      const answers = await Promise.all([pool.verifyJson(example.final), pool.verifyJson(example.final), pool.verifyJson(example.final)]);
      expect(new Set(answers).size).toBe(1);
      const fresh = await pool.verify(example.final, { fresh: true });
      expect(fresh.indication).toBe('TOTAL_PASSED');
    } finally {
      await pool.close();
    }
  });

  it('calls a checker that ran out of memory a limit of the document, and any other death an internal error', () => {
    const outOfMemory = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(checkerCrashError({ error: outOfMemory }, 512)).toMatchObject({ code: 'ERR_PDF_LIMIT_EXCEEDED', message: expect.stringContaining('512 MB') });
    const stopped = checkerCrashError({ exitCode: 1 }, 512);
    expect(stopped).not.toHaveProperty('code');
    expect(stopped.message).toContain('exit code 1');
  });
});
