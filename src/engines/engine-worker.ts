/**
 * Worker thread of the engine pool (engine-pool.ts): the real document engines over the service's keys
 * folder and TSA, one request per task. Runs the CPU-heavy work (layout, PAdES signing, verification,
 * the anslag's sealed notice) off the service's main thread, so a 2-core machine signs two documents at once.
 */
import { workerData } from 'node:worker_threads';
import { systemClock } from '../clock';
import { loadKeys } from '../ca/keys-folder';
import { createNoticePdfRenderer } from '../documents/anslag-notice-pdf';
import { documentEngines } from './document-engines';
import { timestamperFor } from './signing-context';
import type { EngineCall, EngineResult, EngineWorkerData } from './engine-pool';
import { answerTasks } from './worker-pool';

const data = workerData as EngineWorkerData;
const keys = loadKeys(data.keysDir);
const timestamper = timestamperFor(data.tsa, keys, systemClock);
const engines = documentEngines({ keys, tsa: data.tsa, timestamper, clock: systemClock, config: { publicBaseUrl: data.publicBaseUrl }, demonstrationLogin: data.demonstrationLogin });
const renderNotice = createNoticePdfRenderer({ keys, timestamper, clock: systemClock, publicBaseUrl: data.publicBaseUrl });

async function handle(request: EngineCall): Promise<EngineResult> {
  switch (request.op) {
    case 'assemble':
      return engines.assemble(request.extract, request.createdAt, request.protocol);
    case 'sign':
      return engines.sign(request.pdf, request.request);
    case 'verify':
      return engines.verify(request.pdf);
    case 'notice':
      return renderNotice(request.notice, request.at);
  }
}

/** The result's PDF bytes. */
function pdfsOf(result: EngineResult): Uint8Array[] {
  if (result instanceof Uint8Array) return [result];
  if ('revisions' in result) return result.revisions.map((revision) => revision.pdf);
  if ('pdf' in result) return [result.pdf];
  return [];
}

/**
 * The memory the reply can hand over instead of copying: each PDF's whole buffer, when the PDF is all of
 * it (never a slice of Node's shared Buffer pool). Once sent, the worker no longer holds these bytes.
 */
function transferable(result: EngineResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const pdf of pdfsOf(result)) {
    if (pdf.buffer instanceof ArrayBuffer && pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength) buffers.add(pdf.buffer);
  }
  return [...buffers];
}

answerTasks(handle, transferable);
