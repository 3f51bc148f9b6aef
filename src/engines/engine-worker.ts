/**
 * Worker thread of the engine pool (engine-pool.ts): the real document engines over the service's keys
 * folder and TSA, one request per message. Runs the CPU-heavy work (layout, PAdES signing, verification,
 * the anslag's sealed notice) off the service's main thread, so a 2-core machine signs two documents at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../clock';
import { isJusteraError } from '../errors';
import { loadKeys } from '../ca/keys-folder';
import { createNoticePdfRenderer } from '../documents/anslag-notice-pdf';
import { documentEngines } from './document-engines';
import { timestamperFor } from './signing-context';
import type { EngineReply, EngineRequest, EngineResult, EngineWorkerData } from './engine-pool';

const data = workerData as EngineWorkerData;
const keys = loadKeys(data.keysDir);
const timestamper = timestamperFor(data.tsaUrl, keys, systemClock);
const engines = documentEngines({ keys, timestamper, clock: systemClock, config: { publicBaseUrl: data.publicBaseUrl, tsaUrl: data.tsaUrl }, demonstrationLogin: data.demonstrationLogin });
const renderNotice = createNoticePdfRenderer({ keys, timestamper, clock: systemClock, publicBaseUrl: data.publicBaseUrl });

async function handle(request: EngineRequest): Promise<EngineResult> {
  switch (request.op) {
    case 'assemble':
      return engines.assemble(request.extract, request.createdAt);
    case 'sign':
      return engines.sign(request.pdf, request.request);
    case 'verify':
      return engines.verify(request.pdf);
    case 'notice':
      return renderNotice(request.notice, request.at);
  }
}

parentPort?.on('message', (request: EngineRequest) => {
  handle(request).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result } satisfies EngineReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        error: {
          ...(isJusteraError(error) ? { code: error.code } : {}),
          ...(isJusteraError(error) && error.field !== undefined ? { field: error.field } : {}),
          message: error instanceof Error ? error.message : String(error),
        },
      } satisfies EngineReply),
  );
});
