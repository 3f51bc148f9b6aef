/**
 * Inside a verification worker: one PDF → the public report (no personnummer) as JSON text, so that the
 * verification, the scrubbing and the serialization all stay off the service's main thread.
 */
import { fixedClock } from '../../clock';
import { NodeCryptoProvider } from '../../crypto/node-crypto-provider';
import { verifyPdf } from '../../verification/verify-pdf';
import type { VerifyWorkerData } from './public-verifier';
import { publicReport } from './public-report';

const crypto = new NodeCryptoProvider();

export async function publicReportJson(bytes: Uint8Array, now: Date, data: VerifyWorkerData): Promise<string> {
  const report = await verifyPdf(bytes, { trustAnchors: data.trustAnchors, crypto, clock: fixedClock(now), demonstrationRoots: data.demonstrationRoots });
  return JSON.stringify(publicReport(report));
}
