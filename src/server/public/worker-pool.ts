/**
 * A small pool of worker threads with a time-out per task: work on hostile input (a PDF from anyone on
 * the internet) runs off the main thread, in a heap of limited size, and a worker that takes too long
 * or dies is replaced, so the service itself never stalls or crashes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { JusteraError } from '../../errors';

export interface WorkerPoolOptions {
  /** Absolute path of the worker module without extension (…/verify-worker). */
  script: string;
  /** Data every worker gets at start (workerData). */
  workerData?: unknown;
  size: number;
  /** Milliseconds one task may take before its worker is terminated. */
  timeoutMs: number;
  /** Tasks waiting beyond this are refused (ERR_RATE_LIMITED) rather than queued without end. */
  maxQueue: number;
  /** Heap limit per worker in MB. */
  maxHeapMb: number;
}

interface Pending<TResult> {
  message: unknown;
  transfer: ArrayBuffer[];
  resolve(result: TResult): void;
  reject(error: Error): void;
}

interface Slot<TResult> {
  worker: Worker;
  busy?: { pending: Pending<TResult>; timer: NodeJS.Timeout };
}

type WorkerReply<TResult> = { ok: true; result: TResult } | { ok: false; error: { code?: string; message: string } };

/** The compiled worker next to this module, or under jest the TypeScript source through scripts/register-ts.js. */
function workerEntry(script: string): { filename: string; execArgv: string[] } {
  if (existsSync(`${script}.js`)) return { filename: `${script}.js`, execArgv: [] };
  const register = join(__dirname, '..', '..', '..', 'scripts', 'register-ts.js');
  return { filename: `${script}.ts`, execArgv: ['--require', register] };
}

export class WorkerPool<TResult> {
  private readonly slots: Slot<TResult>[] = [];
  private readonly queue: Pending<TResult>[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  run(message: unknown, transfer: ArrayBuffer[] = []): Promise<TResult> {
    if (this.closed) return Promise.reject(new JusteraError('ERR_SHUTTING_DOWN', 'the verification service is shutting down'));
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new JusteraError('ERR_RATE_LIMITED', 'too many documents are being checked right now; try again in a moment'));
    }
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ message, transfer, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new JusteraError('ERR_SHUTTING_DOWN', 'the verification service is shutting down'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot<TResult> {
    const entry = workerEntry(this.options.script);
    const worker = new Worker(entry.filename, {
      execArgv: entry.execArgv,
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    worker.unref();
    const slot: Slot<TResult> = { worker };
    worker.on('message', (reply: WorkerReply<TResult>) => {
      const busy = slot.busy;
      if (!busy) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if (reply.ok) busy.pending.resolve(reply.result);
      else busy.pending.reject(new JusteraError(isKnownCode(reply.error.code) ? reply.error.code : 'ERR_PDF_MALFORMED', reply.error.message));
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, new JusteraError('ERR_PDF_LIMIT_EXCEEDED', `the document could not be checked: ${error.message}`)));
    worker.on('exit', () => this.replace(slot, new JusteraError('ERR_PDF_LIMIT_EXCEEDED', 'the document could not be checked: the checker stopped')));
    return slot;
  }

  /** Fails the slot's task (if any) and puts a fresh worker in its place. */
  private replace(slot: Slot<TResult>, error: JusteraError): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(error);
    }
    void slot.worker.terminate();
    if (this.closed) {
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      const timer = setTimeout(() => {
        this.replace(slot, new JusteraError('ERR_PDF_TIMEOUT', `checking the document took longer than ${this.options.timeoutMs / 1000} seconds and was stopped`));
      }, this.options.timeoutMs);
      slot.busy = { pending, timer };
      slot.worker.postMessage(pending.message, pending.transfer);
    }
  }
}

const WORKER_CODES = new Set(['ERR_PDF_MALFORMED', 'ERR_PDF_LIMIT_EXCEEDED', 'ERR_PDF_UNSUPPORTED', 'ERR_INPUT_INVALID', 'ERR_FILE_UNREADABLE']);

function isKnownCode(code: string | undefined): code is 'ERR_PDF_MALFORMED' | 'ERR_PDF_LIMIT_EXCEEDED' | 'ERR_PDF_UNSUPPORTED' | 'ERR_INPUT_INVALID' | 'ERR_FILE_UNREADABLE' {
  return code !== undefined && WORKER_CODES.has(code);
}
