/**
 * The public side's verifier: each PDF is verified in a worker thread (src/engines/worker-pool.ts) with a
 * time-out, a bounded queue and a heap limit, and the answer is the public report (no personnummer).
 * Injected into the router, so tests of the pages can use the same pool or a stand-in.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../clock';
import type { VerificationReport } from '../../verification/model';
import { WorkerPool, type WorkerError } from '../../engines/worker-pool';
import { JusteraError, type ErrorCode } from '../../errors';

/** What each verification worker gets at start. */
export interface VerifyWorkerData {
  /** DER certificates of the roots to trust (the keys folder's). */
  trustAnchors: Uint8Array[];
}

/** One document for a verification worker: its bytes (transferred) and the time to verify at. */
export interface VerifyTask {
  bytes: ArrayBuffer;
  now: string;
}

/** The codes a worker's refusal keeps; anything else from a worker is a malformed document to the public. */
const WORKER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['ERR_PDF_MALFORMED', 'ERR_PDF_LIMIT_EXCEEDED', 'ERR_PDF_UNSUPPORTED', 'ERR_INPUT_INVALID', 'ERR_FILE_UNREADABLE']);

function publicErrorCode(error: WorkerError): ErrorCode {
  return error.code !== undefined && WORKER_CODES.has(error.code) ? error.code : 'ERR_PDF_MALFORMED';
}

export interface PublicVerifier {
  /**
   * The public report of one PDF; rejects with a JusteraError for bytes that are no readable PDF.
   * `fresh` skips the short-lived cache of answers for identical bytes (the anslag pages promise a new check).
   */
  verify(bytes: Uint8Array, options?: { fresh?: boolean }): Promise<VerificationReport>;
  /** The same report as JSON text, as the worker wrote it (what the JSON API sends unchanged). */
  verifyJson(bytes: Uint8Array, options?: { fresh?: boolean }): Promise<string>;
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
  /**
   * How long the answer for the same bytes (by SHA-256) is reused, in ms; default 30 s, 0 turns it off.
   * Many people checking the same published PDF, or a flood of one file, then cost one verification.
   */
  cacheTtlMs?: number;
  cacheEntries?: number;
}

/** Running out of its heap is the document's doing (a limit: 413); any other death of a checker is ours (500). */
export function checkerCrashError(cause: { error?: Error; exitCode?: number }, maxHeapMb: number): Error {
  if ((cause.error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new JusteraError('ERR_PDF_LIMIT_EXCEEDED', `the document could not be checked within the checker's memory limit of ${maxHeapMb} MB`);
  }
  return cause.error ?? new Error(`a verification worker stopped (exit code ${cause.exitCode})`);
}

export function createPooledVerifier(options: PooledVerifierOptions): PublicVerifier {
  const workerData: VerifyWorkerData = { trustAnchors: options.trustAnchors };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxHeapMb = options.maxHeapMb ?? 512;
  const pool = new WorkerPool<VerifyTask, string>({
    script: join(__dirname, 'verify-worker'),
    workerData,
    size: options.size ?? Math.min(4, Math.max(1, availableParallelism())),
    timeout: { ms: timeoutMs, error: () => new JusteraError('ERR_PDF_TIMEOUT', `checking the document took longer than ${timeoutMs / 1000} seconds and was stopped`) },
    maxQueue: { size: options.maxQueue ?? 256, error: () => new JusteraError('ERR_RATE_LIMITED', 'too many documents are being checked right now; try again in a moment') },
    maxHeapMb,
    errors: {
      fromWorker: (error) => new JusteraError(publicErrorCode(error), error.message),
      crashed: (cause) => checkerCrashError(cause, maxHeapMb),
      shuttingDown: () => new JusteraError('ERR_SHUTTING_DOWN', 'the verification service is shutting down'),
    },
  });
  const run = (bytes: Uint8Array): Promise<string> => {
    // A copy the worker can own: the caller's buffer may be a slice of a larger pooled one.
    const owned = new Uint8Array(bytes.byteLength);
    owned.set(bytes);
    return pool.run({ bytes: owned.buffer, now: options.clock.now().toISOString() }, [owned.buffer]);
  };
  const cache = new AnswerCache(options.cacheTtlMs ?? 30_000, options.cacheEntries ?? 256, options.clock);
  const verifyJson = (bytes: Uint8Array, opts: { fresh?: boolean } = {}): Promise<string> => (opts.fresh ? run(bytes) : cache.get(bytes, run));
  return {
    verifyJson,
    verify: async (bytes, opts) => JSON.parse(await verifyJson(bytes, opts)) as VerificationReport,
    close: () => pool.close(),
  };
}

/**
 * Answers by SHA-256 of the bytes for a short time, shared by concurrent requests for the same file (one
 * verification in flight); a failed verification is not kept. Oldest entries go first when it is full.
 */
class AnswerCache {
  private readonly entries = new Map<string, { at: number; answer: Promise<string> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: Clock,
  ) {}

  get(bytes: Uint8Array, compute: (bytes: Uint8Array) => Promise<string>): Promise<string> {
    if (this.ttlMs <= 0) return compute(bytes);
    const key = createHash('sha256').update(bytes).digest('hex');
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.answer;
    const answer = compute(bytes);
    this.entries.delete(key);
    this.entries.set(key, { at: now, answer });
    answer.catch(() => this.entries.delete(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return answer;
  }
}
