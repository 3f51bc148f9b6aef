/** `--json`: one JSON document per run, `{ "files": [ report | { file, error } ] }`. */
import type { FileOutcome } from './batch';

export function renderJson(outcomes: readonly FileOutcome[]): string {
  const files = outcomes.map((outcome) => ('report' in outcome ? { ...outcome.report, file: outcome.file } : outcome));
  return `${JSON.stringify({ files }, null, 2)}\n`;
}
