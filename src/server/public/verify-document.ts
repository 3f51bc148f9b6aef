/** Inside a verification worker: one PDF → the verifier's report, with the service's trust anchors. */
import { fixedClock } from '../../clock';
import { NodeCryptoProvider } from '../../crypto/node-crypto-provider';
import type { VerificationReport } from '../../verification/model';
import { verifyPdf } from '../../verification/verify-pdf';
import type { VerifyWorkerData } from './public-verifier';

const crypto = new NodeCryptoProvider();

export async function verifyUploadedPdf(bytes: Uint8Array, now: Date, data: VerifyWorkerData): Promise<VerificationReport> {
  return verifyPdf(bytes, { trustAnchors: data.trustAnchors, crypto, clock: fixedClock(now) });
}
