/** The result of verifying one file in a batch: its report, or why it could not be read at all. */
import type { VerificationReport } from '../model';

export type FileOutcome =
  | { file: string; report: VerificationReport }
  | { file: string; error: { code: string; message: string } };

/** Accepted = every signature TOTAL_PASSED and the justering complete (the CLI's exit code 0). */
export function isAccepted(outcome: FileOutcome): boolean {
  return 'report' in outcome && outcome.report.indication === 'TOTAL_PASSED' && outcome.report.justering.complete;
}
