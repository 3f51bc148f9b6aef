/**
 * Worker thread of `justera verify --jobs N`: verifies the files it is sent, one message per file, and
 * answers each with its rendered part of the output. Trust anchors, time and output options come once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fixedClock, systemClock } from '../../clock';
import { verifyFile } from '../../engines/verify-document';
import { renderOutcome, type OutputOptions } from './verify-output';

interface WorkerSetup {
  trustAnchors: Uint8Array[];
  time?: string;
  output: OutputOptions;
}

const setup = workerData as WorkerSetup;
const clock = setup.time === undefined ? systemClock : fixedClock(setup.time);

parentPort?.on('message', (message: { id: number; path: string }) => {
  void verifyFile(message.path, { trustAnchors: setup.trustAnchors, clock }).then((outcome) =>
    parentPort?.postMessage({ id: message.id, rendered: renderOutcome(outcome, setup.output) }),
  );
});
