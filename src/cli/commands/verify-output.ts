/**
 * One file's part of `justera verify`'s output, rendered where the file was verified (a worker thread or
 * the main thread): passing a short string between threads costs far less than cloning a whole report.
 */
import { isAccepted, type FileOutcome } from '../../verification/render/batch';
import { csvRows } from '../../verification/render/csv';
import { jsonEntry } from '../../verification/render/json';
import { renderTextOutcome, type Language } from '../../verification/render/text';

export type OutputFormat = 'text' | 'json' | 'csv';

export interface OutputOptions {
  format: OutputFormat;
  language: Language;
  /** The HTML report needs the whole outcome in the main thread. */
  keepOutcome: boolean;
}

export interface RenderedOutcome {
  file: string;
  accepted: boolean;
  unreadable: boolean;
  chunk: string;
  outcome?: FileOutcome;
}

export function renderOutcome(outcome: FileOutcome, options: OutputOptions): RenderedOutcome {
  const chunk = options.format === 'json' ? jsonEntry(outcome) : options.format === 'csv' ? csvRows(outcome) : renderTextOutcome(outcome, options.language);
  return {
    file: outcome.file,
    accepted: isAccepted(outcome),
    unreadable: 'error' in outcome,
    chunk,
    ...(options.keepOutcome ? { outcome } : {}),
  };
}
