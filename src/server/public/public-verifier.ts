/**
 * The public side's verifier: each PDF is verified in a worker thread (worker-pool.ts) with a time-out,
 * and the answer is the public report (no personnummer). Injected into the router, so tests of the pages
 * can use the same pool or a stand-in.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../clock';
import type { VerificationReport } from '../../verification/model';
import { publicReport } from './public-report';
import { WorkerPool } from './worker-pool';

/** What each verification worker gets at start. */
export interface VerifyWorkerData {
  /** DER certificates of the roots to trust (the keys folder's). */
  trustAnchors: Uint8Array[];
}

export interface PublicVerifier {
  /** The public report of one PDF; rejects with a JusteraError for bytes that are no readable PDF. */
  verify(bytes: Uint8Array): Promise<VerificationReport>;
  close(): Promise<void>;
}

export interface PooledVerifierOptions {
  trustAnchors: Uint8Array[];
  clock: Clock;
  /** Worker threads; default: one per core, at least 1 and at most 4. */
  size?: number;
  /** Per document; default 10 s. */
  timeoutMs?: number;
  maxQueue?: number;
  maxHeapMb?: number;
}

export function createPooledVerifier(options: PooledVerifierOptions): PublicVerifier {
  const workerData: VerifyWorkerData = { trustAnchors: options.trustAnchors };
  const pool = new WorkerPool<VerificationReport>({
    script: join(__dirname, 'verify-worker'),
    workerData,
    size: options.size ?? Math.min(4, Math.max(1, availableParallelism())),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxQueue: options.maxQueue ?? 256,
    maxHeapMb: options.maxHeapMb ?? 512,
  });
  return {
    async verify(bytes) {
      // A copy the worker can own: the caller's buffer may be a slice of a larger pooled one.
      const owned = new Uint8Array(bytes.byteLength);
      owned.set(bytes);
      const report = await pool.run({ bytes: owned.buffer, now: options.clock.now().toISOString() }, [owned.buffer]);
      return publicReport(report);
    },
    close: () => pool.close(),
  };
}
