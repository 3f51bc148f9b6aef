/**
 * The document engines on worker threads (worker-pool.ts): each request goes to the least busy worker; a
 * worker that dies fails its requests and is replaced. Errors come back with their JusteraError code and
 * field, so the service answers exactly as it would in-process.
 */
import { join } from 'node:path';
import { JusteraError } from '../errors';
import type { ProtocolMeta } from '../domain/extract';
import type { AnslagNotice, NoticePdfRenderer } from '../use-cases/anslag-service';
import type { AssembledDocument, DocumentEngines, DocumentVerdict, ProtocolUpload, SignRequest, SignedDocument } from '../use-cases/service-context';
import type { TsaSetting } from './signing-context';
import { WorkerPool } from './worker-pool';

export interface EngineWorkerData {
  keysDir: string;
  tsa: TsaSetting;
  publicBaseUrl: string;
  /** EngineContext.demonstrationLogin. */
  demonstrationLogin: boolean;
}

export type EngineCall =
  | { op: 'assemble'; extract: ProtocolMeta; createdAt: Date; protocol?: ProtocolUpload }
  | { op: 'sign'; pdf: Uint8Array; request: SignRequest }
  | { op: 'verify'; pdf: Uint8Array }
  | { op: 'notice'; notice: AnslagNotice; at: Date };

export type EngineResult = AssembledDocument | SignedDocument | DocumentVerdict | Uint8Array;

export interface PooledEngines extends DocumentEngines {
  /** The anslag's sealed notice PDF (anslag-notice-pdf.ts), rendered in a worker like the other engines. */
  renderNotice: NoticePdfRenderer;
  close(): Promise<void>;
}

export function pooledEngines(size: number, workerData: EngineWorkerData): PooledEngines {
  const pool = new WorkerPool<EngineCall, EngineResult>({
    script: join(__dirname, 'engine-worker'),
    workerData,
    size,
    // A signature awaits the TSA between its CPU-heavy parts: a worker takes every request it is given.
    tasksPerWorker: Number.POSITIVE_INFINITY,
    // The last worker is home to a justering's final verification and notice and to assembly, the others to
    // signatures: on two workers each carries about half of a justered extract's work and compiles about
    // half the code (10 % less CPU per signature over HTTP, p99 down a fifth; issue 13).
    homesOf: (call, size) => (size < 2 ? [0] : call.op === 'sign' ? Array.from({ length: size - 1 }, (_, i) => i) : [size - 1]),
    errors: {
      fromWorker: (error) => (error.code ? new JusteraError(error.code, error.message, error.field === undefined ? {} : { field: error.field }) : new Error(error.message)),
      crashed: ({ error, exitCode }) => error ?? new Error(`an engine worker stopped (exit code ${exitCode})`),
      shuttingDown: () => new JusteraError('ERR_SHUTTING_DOWN', 'the service is shutting down'),
    },
  });
  const run = <T extends EngineResult>(call: EngineCall): Promise<T> => pool.run(call) as Promise<T>;
  return {
    assemble: (extract, createdAt, protocol) => run<AssembledDocument>({ op: 'assemble', extract, createdAt, ...(protocol && { protocol }) }),
    sign: (pdf, request) => run<SignedDocument>({ op: 'sign', pdf, request }),
    verify: (pdf) => run<DocumentVerdict>({ op: 'verify', pdf }),
    renderNotice: (notice, at) => run<Uint8Array>({ op: 'notice', notice, at }),
    close: () => pool.close(),
  };
}
