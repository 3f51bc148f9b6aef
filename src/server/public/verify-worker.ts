/**
 * Worker thread of the public verification pool: verifies one PDF per task with the service's trust
 * anchors and answers the public report as JSON text, or a typed error for bytes that are no readable PDF.
 */
import { workerData } from 'node:worker_threads';
import { createVerifier } from '../../engines/verify-document';
import { answerTasks } from '../../engines/worker-pool';
import type { VerifyTask, VerifyWorkerData } from './public-verifier';
import { publicReportJson } from './verify-document';

const verifier = createVerifier((workerData as VerifyWorkerData).trustAnchors);

answerTasks((task: VerifyTask) => publicReportJson(new Uint8Array(task.bytes), new Date(task.now), verifier));
