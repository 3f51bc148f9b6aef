/** The result of verifying one file in a batch: its report, or why it could not be read at all. */
import { reportPasses } from '../justering';
import type { VerificationReport } from '../model';

export type FileOutcome =
  | { file: string; report: VerificationReport }
  | { file: string; error: { code: string; message: string } };

/** Accepted = every signature TOTAL_PASSED and, for a justering document, the justering complete (the CLI's exit code 0). */
export function isAccepted(outcome: FileOutcome): boolean {
  return 'report' in outcome && reportPasses(outcome.report);
}
