/**
 * Worker thread of the public verification pool: verifies one PDF per message with the service's trust
 * anchors and answers the public report as JSON text, or a typed error for bytes that are no readable PDF.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isJusteraError } from '../../errors';
import type { VerifyWorkerData } from './public-verifier';
import { publicReportJson } from './verify-document';

const data = workerData as VerifyWorkerData;

parentPort?.on('message', (message: { bytes: ArrayBuffer; now: string }) => {
  publicReportJson(new Uint8Array(message.bytes), new Date(message.now), data)
    .then((result) => parentPort?.postMessage({ ok: true, result }))
    .catch((error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        error: { code: isJusteraError(error) ? error.code : undefined, message: error instanceof Error ? error.message : String(error) },
      }),
    );
});
