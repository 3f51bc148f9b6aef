/**
 * Worker thread of `justera verify --jobs N`: verifies the files it is sent, one message per file, and
 * answers each with its outcome. The trust anchors and the verification time come once, in workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fixedClock, systemClock } from '../../clock';
import { verifyFile } from '../../workflows/verify-document';

interface WorkerSetup {
  trustAnchors: Uint8Array[];
  time?: string;
}

const setup = workerData as WorkerSetup;
const clock = setup.time === undefined ? systemClock : fixedClock(setup.time);

parentPort?.on('message', (message: { id: number; path: string }) => {
  void verifyFile(message.path, { trustAnchors: setup.trustAnchors, clock }).then((outcome) => parentPort?.postMessage({ id: message.id, outcome }));
});
