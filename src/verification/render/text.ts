/**
 * The default, human output of `justera verify`: per file the plain Swedish (or English) answer, then one
 * line per signature, and for a signature that fails, what exactly is wrong (objects, pages).
 */
import { INFORMATIONAL } from '../policy';
import { formatSentence } from '../sentences';
import type { FileOutcome } from './batch';
import { documentWarningTexts, signatureNotes, type Language } from './signature-notes';
import { terminalSafe } from './terminal-safe';

export type { Language };

export function renderText(outcomes: readonly FileOutcome[], language: Language = 'sv'): string {
  return outcomes.map((outcome) => renderTextOutcome(outcome, language)).join('');
}

/** The lines of one file, so worker threads can render their part. */
export function renderTextOutcome(outcome: FileOutcome, language: Language = 'sv'): string {
  const lines: string[] = [];
  lines.push(outcome.file);
  if (!('report' in outcome)) {
    lines.push(`  ${language === 'sv' ? 'Kan inte läsas' : 'Cannot be read'}: ${outcome.error.message} (${outcome.error.code})`);
    return joinLines(lines);
  }
  const { report } = outcome;
  lines.push(`  ${report.summary[language]}`);
  if (report.demonstration) lines.push(`  ${report.demonstration[language]}`);
  const facts = [report.metadata.body, report.metadata.paragraphs ? `§ ${report.metadata.paragraphs}` : undefined, report.metadata.title, report.metadata.caseNumber]
    .filter(Boolean)
    .join(', ');
  if (facts) lines.push(`  ${language === 'sv' ? 'Handling' : 'Document'}: ${facts}`);
  lines.push(`  Format: ${formatSentence(report.metadata.format)[language]}`);
  for (const signature of report.signatures) {
    const mark = signature.indication === 'TOTAL_PASSED' ? '✓' : signature.indication === 'TOTAL_FAILED' ? '✗' : '?';
    const where = signature.revision ? ` [${language === 'sv' ? 'version' : 'revision'} ${signature.revision}/${signature.revisions}${signature.level ? `, ${signature.level}` : ''}]` : '';
    const sub = signature.subIndication ? `/${signature.subIndication}` : '';
    lines.push(`  ${mark} ${signature.field}: ${signature.sentence[language]} (${signature.indication}${sub})${where}`);
    if (signature.indication !== 'TOTAL_PASSED') {
      for (const problem of signature.problems) if (problem.detail) lines.push(`      - ${problem.code}: ${problem.detail}`);
    } else {
      // Warnings that do not change the verdict (a weak algorithm before its sunset).
      for (const problem of signature.problems) if (INFORMATIONAL.has(problem.code) && problem.code !== 'REVOCATION_UNKNOWN') lines.push(`      ! ${problem.code}: ${problem.detail ?? ''}`);
    }
    for (const note of signatureNotes(signature, language, { maxChanges: SHOWN_CHANGES, fullListHint: FULL_LIST })) lines.push(`      ${note.mark ? `${note.mark} ` : ''}${note.text}`);
  }
  for (const warning of documentWarningTexts(report, language)) lines.push(`  ! ${warning}`);
  for (const problem of report.documentProblems) lines.push(`  ! ${problem.code}: ${problem.detail ?? ''}`);
  return joinLines(lines);
}

/** A terminal shows at most this many allowed changes per signature; the JSON and HTML reports list them all. */
const SHOWN_CHANGES = 10;
const FULL_LIST = { sv: 'se --json eller --html', en: 'see --json or --html' };

function joinLines(lines: readonly string[]): string {
  return `${lines.map(terminalSafe).join('\n')}\n`;
}
