/**
 * Inside a verification worker: one PDF → the public report (no personnummer) as JSON text, so that the
 * verification, the scrubbing and the serialization all stay off the service's main thread.
 */
import { fixedClock } from '../../clock';
import type { DocumentVerifier } from '../../engines/verify-document';
import { publicReport } from './public-report';

export async function publicReportJson(bytes: Uint8Array, now: Date, verifier: DocumentVerifier): Promise<string> {
  return JSON.stringify(publicReport(await verifier.verify(bytes, { clock: fixedClock(now) })));
}
