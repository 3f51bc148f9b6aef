/**
 * The document engines on worker threads: each request goes to the least busy worker; a worker that dies
 * fails its requests and is replaced. Errors come back with their JusteraError code and field, so the
 * service answers exactly as it would in-process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { JusteraError, type ErrorCode } from '../errors';
import type { Extract } from '../domain/extract';
import type { AnslagNotice, NoticePdfRenderer } from '../use-cases/anslag-service';
import type { AssembledDocument, DocumentEngines, DocumentVerdict, SignRequest, SignedDocument } from '../use-cases/service-context';

export interface EngineWorkerData {
  keysDir: string;
  tsaUrl: string;
  publicBaseUrl: string;
  /** EngineContext.demonstrationLogin. */
  demonstrationLogin: boolean;
}

export type EngineCall =
  | { op: 'assemble'; extract: Extract; createdAt: Date }
  | { op: 'sign'; pdf: Uint8Array; request: SignRequest }
  | { op: 'verify'; pdf: Uint8Array }
  | { op: 'notice'; notice: AnslagNotice; at: Date };

export type EngineRequest = { id: number } & EngineCall;

export type EngineResult = AssembledDocument | SignedDocument | DocumentVerdict | Uint8Array;

export type EngineReply =
  | { id: number; ok: true; result: EngineResult }
  | { id: number; ok: false; error: { code?: ErrorCode; field?: string; message: string } };

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** The compiled worker next to this module, or under jest the TypeScript source through scripts/register-ts.js. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const script = join(__dirname, 'engine-worker');
  if (existsSync(`${script}.js`)) return { filename: `${script}.js`, execArgv: [] };
  return { filename: `${script}.ts`, execArgv: ['--require', join(__dirname, '..', '..', 'scripts', 'register-ts.js')] };
}

export interface PooledEngines extends DocumentEngines {
  /** The anslag's sealed notice PDF (anslag-notice-pdf.ts), rendered in a worker like the other engines. */
  renderNotice: NoticePdfRenderer;
  close(): Promise<void>;
}

export function pooledEngines(size: number, workerData: EngineWorkerData): PooledEngines {
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const spawn = (): Slot => {
    const entry = workerEntry();
    const slot: Slot = { worker: new Worker(entry.filename, { execArgv: entry.execArgv, workerData }), pending: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (reply: EngineReply) => {
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(reply.error.code ? new JusteraError(reply.error.code, reply.error.message, reply.error.field === undefined ? {} : { field: reply.error.field }) : new Error(reply.error.message));
    });
    const fail = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      const index = slots.indexOf(slot);
      if (index >= 0 && !closed) slots[index] = spawn();
    };
    slot.worker.on('error', (error) => fail(error));
    slot.worker.on('exit', (code) => fail(new Error(`an engine worker stopped (exit code ${code})`)));
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  const run = <T extends EngineResult>(request: EngineCall): Promise<T> => {
    if (closed) return Promise.reject(new JusteraError('ERR_SHUTTING_DOWN', 'the service is shutting down'));
    const slot = slots.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      slot.worker.postMessage({ ...request, id });
    });
  };

  return {
    assemble: (extract, createdAt) => run<AssembledDocument>({ op: 'assemble', extract, createdAt }),
    sign: (pdf, request) => run<SignedDocument>({ op: 'sign', pdf, request }),
    verify: (pdf) => run<DocumentVerdict>({ op: 'verify', pdf }),
    renderNotice: (notice, at) => run<Uint8Array>({ op: 'notice', notice, at }),
    close: async () => {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
