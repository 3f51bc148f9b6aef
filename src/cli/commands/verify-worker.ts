/**
 * Worker thread of `justera verify --jobs N`: verifies the files it is sent, one task per file, and
 * answers each with its rendered part of the output. Trust anchors, time and output options come once.
 */
import { workerData } from 'node:worker_threads';
import { fixedClock, systemClock } from '../../clock';
import { createVerifier, verifyFile } from '../../engines/verify-document';
import { answerTasks } from '../../engines/worker-pool';
import { renderOutcome, type OutputOptions } from './verify-output';

export interface VerifyWorkerSetup {
  trustAnchors: Uint8Array[];
  time?: string;
  output: OutputOptions;
}

const setup = workerData as VerifyWorkerSetup;
const clock = setup.time === undefined ? systemClock : fixedClock(setup.time);
const verifier = createVerifier(setup.trustAnchors);

answerTasks(async (path: string) => renderOutcome(await verifyFile(path, verifier, clock), setup.output));
