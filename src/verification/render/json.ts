/** `--json`: one JSON document per run, `{ "files": [ report | { file, error } ] }`, built from one entry per file. */
import type { FileOutcome } from './batch';

/** The entry of one file (compact JSON), so worker threads can render their part. */
export function jsonEntry(outcome: FileOutcome): string {
  return JSON.stringify('report' in outcome ? { ...outcome.report, file: outcome.file } : outcome);
}

export function joinJson(entries: readonly string[]): string {
  return `{"files":[\n${entries.join(',\n')}\n]}\n`;
}

export function renderJson(outcomes: readonly FileOutcome[]): string {
  return joinJson(outcomes.map(jsonEntry));
}
