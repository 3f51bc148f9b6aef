/**
 * The default, human output of `justera verify`: per file the plain Swedish (or English) answer, then one
 * line per signature, and for a signature that fails, what exactly is wrong (objects, pages).
 */
import type { SignatureResult } from '../model';
import { INFORMATIONAL } from '../policy';
import { profileSentence } from '../sentences';
import type { FileOutcome } from './batch';
import { terminalSafe } from './terminal-safe';

export type Language = 'sv' | 'en';

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
  for (const signature of report.signatures) {
    const mark = signature.indication === 'TOTAL_PASSED' ? '✓' : signature.indication === 'TOTAL_FAILED' ? '✗' : '?';
    const where = signature.revision ? ` [${language === 'sv' ? 'version' : 'revision'} ${signature.revision}/${signature.revisions}${signature.level ? `, ${signature.level}` : ''}]` : '';
    const sub = signature.subIndication ? `/${signature.subIndication}` : '';
    lines.push(`  ${mark} ${signature.field}: ${signature.sentence[language]} (${signature.indication}${sub})${where}`);
    if (signature.signerNames?.pseudonym) lines.push(`      ${language === 'sv' ? 'Pseudonym (inget personnummer)' : 'Pseudonym (not a personal identity number)'}: ${signature.signerNames.pseudonym}`);
    if (signature.profile && !signature.profile.padesBaseline) lines.push(`      ${language === 'sv' ? 'Profil' : 'Profile'}: ${profileSentence(signature.profile)[language]}`);
    if (signature.indication !== 'TOTAL_PASSED') {
      for (const problem of signature.problems) if (problem.detail) lines.push(`      - ${problem.code}: ${problem.detail}`);
    } else {
      // Warnings that do not change the verdict (a weak algorithm before its sunset).
      for (const problem of signature.problems) if (INFORMATIONAL.has(problem.code) && problem.code !== 'REVOCATION_UNKNOWN') lines.push(`      ! ${problem.code}: ${problem.detail ?? ''}`);
    }
    lines.push(...changesAfter(signature, language));
  }
  for (const problem of report.documentProblems) lines.push(`  ! ${problem.code}: ${problem.detail ?? ''}`);
  return joinLines(lines);
}

/** A terminal shows at most this many allowed changes per signature; the JSON and HTML reports list them all. */
const SHOWN_CHANGES = 10;

/** What the revisions after the signature legitimately did, and what they added that nothing uses. */
function changesAfter(signature: SignatureResult, language: Language): string[] {
  const lines: string[] = [];
  const changes = signature.allowedChanges ?? [];
  for (const change of changes.slice(0, SHOWN_CHANGES)) {
    const where = `${language === 'sv' ? 'version' : 'revision'} ${change.revision}${change.page !== undefined ? `, ${language === 'sv' ? 'sida' : 'page'} ${change.page}` : ''}`;
    lines.push(`      + ${change.level}: ${change.what} (${where})`);
  }
  if (changes.length > SHOWN_CHANGES) {
    const rest = changes.length - SHOWN_CHANGES;
    lines.push(language === 'sv' ? `      + ytterligare ${rest} tillåtna ändringar (se --json eller --html)` : `      + ${rest} more allowed changes (see --json or --html)`);
  }
  const unreferenced = signature.unreferencedAfter;
  if (unreferenced) {
    lines.push(language === 'sv'
      ? `      ! ${unreferenced.count} objekt (${unreferenced.bytes} byte) tillagda efter signaturen som inget i dokumentet hänvisar till`
      : `      ! ${unreferenced.count} object(s) (${unreferenced.bytes} bytes) added after the signature that nothing in the document refers to`);
  }
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return `${lines.map(terminalSafe).join('\n')}\n`;
}
