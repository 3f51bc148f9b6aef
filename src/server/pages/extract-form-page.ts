/**
 * The secretary's extract form as HTML, one form for "Nytt utdrag" and "Redigera": every part of the
 * extract (src/domain/extract.ts) as a field, the repeated rows (yttranden, avsnitt, handlingar) with a
 * button for one more, and the problems of a posted form in the reader's language: all of them in the
 * summary at the top (each a link to its field) and each at its field.
 */
import { STATEMENT_KINDS, type ExtractIssue } from '../../domain/extract';
import type { Locale } from '../../domain/roles';
import type { ExtractRow } from '../../use-cases/records';
import { formFieldOfPath, filledRows, isRequiredFormField, ROW_GROUPS, rowsField, SIGNER_PREFIXES, type FormValues, type RowGroup } from './extract-form';
import { checkboxField, csrfInput, errorOf, fileField, jsonFileField, selectField, textField, type FormError } from './form-fields';
import { formMessages, type FormMessages } from '../../texts/form-messages';
import { pageMessages, type PageMessages } from '../../texts/pages';
import { html, type SafeHtml } from './shared/html';

interface Texts {
  t: PageMessages;
  f: FormMessages;
}

function texts(lang: Locale): Texts {
  return { t: pageMessages(lang), f: formMessages(lang) };
}

/** Every field's label as the summary names it ("Justerare: E-post", "Yttrande 2: Parti"). */
export function fieldLabel(lang: Locale, field: string): string | undefined {
  const { t, f } = texts(lang);
  const plain: Record<string, string> = {
    body: t.fieldBody, meetingDate: t.fieldMeetingDate, deadline: f.fieldDeadline, paragraphs: t.fieldParagraphs, title: t.fieldTitle,
    subtitle: t.fieldSubtitle, caseNumber: t.fieldCaseNumber, decision: t.fieldDecision, summary: t.fieldSummary,
    decisionProcess: t.fieldDecisionProcess, storageLocation: t.fieldStorage, immediateAdjustment: f.fieldImmediate, locale: f.fieldLocale,
    signingOrder: t.legendOrder, secretaryName: `${t.legendSecretary}: ${t.fieldName}`, secretaryEmail: `${t.legendSecretary}: ${t.fieldEmail}`, upload: t.uploadLabel, protocol: t.protocolLabel, pages: t.pagesLabel,
    comment: t.commentLabel, confirm: t.signHeading,
  };
  if (plain[field]) return plain[field];
  const signer = /^(chair|adjuster1|adjuster2)(Name|Personnummer|Email)$/.exec(field);
  if (signer) {
    const who = signer[1] === 'chair' ? t.legendChair : t.legendAdjuster(Number(signer[1]!.slice(-1)));
    const parts: Record<string, string> = { Name: t.fieldName, Personnummer: t.fieldPersonnummer, Email: t.fieldEmail };
    return `${who}: ${parts[signer[2]!]}`;
  }
  const row = /^(statement|section|document)(\d+)(\w+)$/.exec(field);
  if (row) return `${rowLegend(f, row[1] as RowGroup, Number(row[2]))}: ${rowPartLabel(f, row[1] as RowGroup, row[3]!)}`;
  return undefined;
}

function rowLegend(f: FormMessages, group: RowGroup, n: number): string {
  return group === 'statement' ? f.statementLegend(n) : group === 'section' ? f.sectionLegend(n) : f.documentLegend(n);
}

function rowPartLabel(f: FormMessages, group: RowGroup, part: string): string {
  const labels: Record<RowGroup, Record<string, string>> = {
    statement: { Kind: f.fieldStatementKind, Author: f.fieldAuthor, Party: f.fieldParty, Intro: f.fieldIntro, Text: f.fieldStatementText },
    section: { Heading: f.fieldHeading, Text: f.fieldSectionText },
    document: { Id: f.fieldDocumentId, Title: f.fieldDocumentTitle },
  };
  return labels[group][part] ?? part;
}

/** The fields in the order the form shows them (a row group or a signer stands for all its fields). */
const FIELD_ORDER = [
  'upload', 'body', 'meetingDate', 'paragraphs', 'title', 'subtitle', 'caseNumber', 'storageLocation', 'deadline', 'immediateAdjustment',
  'decision', 'summary', 'decisionProcess', 'statement', 'section', 'document', 'chair', 'adjuster1', 'adjuster2',
  'secretaryName', 'secretaryEmail', 'signingOrder', 'locale',
];
const SIGNER_PARTS = ['Name', 'Personnummer', 'Email'];

/** Where a field comes in the form, so that the summary lists the problems from the top of the page down. */
function formPosition(field: string): number {
  const row = /^(statement|section|document)(\d+)(\w+)$/.exec(field);
  if (row) return FIELD_ORDER.indexOf(row[1]!) * 100_000 + Number(row[2]) * 10 + (ROW_GROUPS[row[1] as RowGroup] as readonly string[]).indexOf(row[3]!);
  const signer = /^(chair|adjuster1|adjuster2)(Name|Personnummer|Email)$/.exec(field);
  if (signer) return FIELD_ORDER.indexOf(signer[1]!) * 100_000 + SIGNER_PARTS.indexOf(signer[2]!);
  return FIELD_ORDER.indexOf(field) * 100_000;
}

/**
 * The issues of an extract as the page shows them: at the form field that holds the value, or (for an
 * uploaded file) at the upload field, naming the part of the extract by its label.
 */
export function formErrorsOf(lang: Locale, issues: readonly ExtractIssue[], uploaded: boolean): FormError[] {
  const { f } = texts(lang);
  const located = issues.map((issue) => ({ issue, field: formFieldOfPath(issue.field) }));
  located.sort((a, b) => (a.field === undefined ? -1 : formPosition(a.field)) - (b.field === undefined ? -1 : formPosition(b.field)));
  return located.map(({ issue, field }) => {
    const text = f.problem(issue);
    if (!uploaded && field) return { field, message: text };
    const label = field ? fieldLabel(lang, field) : undefined;
    return { field: 'upload', message: label ? `${label}: ${text}` : text };
  });
}

/** All problems at the top of the page, each a link to its field (role=alert: read out when the page opens). */
export function errorSummary(lang: Locale, errors: readonly FormError[]): SafeHtml | '' {
  if (errors.length === 0) return '';
  const { t } = texts(lang);
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2>${t.errorSummary}</h2>
<ul>${errors.map((e) => {
    const label = e.field ? fieldLabel(lang, e.field) : undefined;
    return html`<li>${e.field && label ? html`<a href="#f-${e.field}">${t.fieldProblem(label, e.message)}</a>` : e.message}</li>`;
  })}</ul>
</div>`;
}

/** The ordförande's and the justerares' fieldsets (also the extract page's signers form). */
export function signerFieldsets(lang: Locale, values: FormValues, errors: readonly FormError[]): SafeHtml[] {
  const { t } = texts(lang);
  return SIGNER_PREFIXES.map((prefix, index) => {
    const legend = index === 0 ? t.legendChair : t.legendAdjuster(index);
    const field = (suffix: string, label: string, extra: { hint?: string; kind?: 'email' } = {}) => {
      const required = isRequiredFormField(`${prefix}${suffix}`);
      return textField({ name: `${prefix}${suffix}`, label: required ? label : `${label} ${t.optional}`, value: values[`${prefix}${suffix}`] ?? '', ...(extra.hint ? { hint: extra.hint } : {}), ...(extra.kind ? { kind: extra.kind } : {}), required, error: errorOf(errors, `${prefix}${suffix}`) });
    };
    return html`<fieldset><legend>${legend}</legend>
${field('Name', t.fieldName)}
${field('Personnummer', t.fieldPersonnummer, { hint: t.personnummerHint })}
${field('Email', t.fieldEmail, { hint: t.emailHint, kind: 'email' })}
</fieldset>`;
  });
}

/** How many rows of a group the form shows: what is filled in plus an empty one, and one more on request. */
function shownRows(values: FormValues, group: RowGroup): number {
  const before = Number(values[rowsField(group)]) || 0;
  return Math.max(filledRows(values, group) + 1, before) + (values._more === group ? 1 : 0);
}

function rowFieldsets(lang: Locale, values: FormValues, errors: readonly FormError[], group: RowGroup): SafeHtml {
  const { t, f } = texts(lang);
  const count = shownRows(values, group);
  const rows: SafeHtml[] = [];
  for (let n = 1; n <= count; n++) {
    const name = (part: string) => `${group}${n}${part}`;
    const text = (part: string, extra: { hint?: string; kind?: 'textarea'; rows?: number } = {}) =>
      textField({ name: name(part), label: rowPartLabel(f, group, part), value: values[name(part)] ?? '', error: errorOf(errors, name(part)), ...extra });
    const fields =
      group === 'statement'
        ? html`${selectField({ name: name('Kind'), label: f.fieldStatementKind, value: values[name('Kind')] ?? '', error: errorOf(errors, name('Kind')), choices: [['', f.chooseKind], ...STATEMENT_KINDS.map((k): [string, string] => [k, f.statementKinds[k]])] })}
${text('Author')}
${textField({ name: name('Party'), label: `${f.fieldParty} ${t.optional}`, value: values[name('Party')] ?? '', hint: f.partyHint, error: errorOf(errors, name('Party')) })}
${textField({ name: name('Intro'), label: `${f.fieldIntro} ${t.optional}`, value: values[name('Intro')] ?? '', hint: f.introHint, error: errorOf(errors, name('Intro')) })}
${text('Text', { kind: 'textarea', rows: 8 })}`
        : group === 'section'
          ? html`${text('Heading')}${text('Text', { kind: 'textarea' })}`
          : html`${text('Id', { hint: f.documentIdHint })}${text('Title')}`;
    rows.push(html`<fieldset class="row"><legend>${rowLegend(f, group, n)}</legend>
${fields}
</fieldset>`);
  }
  const legend = group === 'statement' ? f.legendStatements : group === 'section' ? f.legendSections : f.legendDocuments;
  const hintId = `more-${group}-hint`;
  return html`<fieldset><legend>${legend} ${t.optional}</legend>
${group === 'statement' ? html`<p class="hint">${f.statementsHint}</p>` : ''}
<input type="hidden" name="${rowsField(group)}" value="${String(count)}">
${rows}
<button type="submit" name="_more" value="${group}" class="secondary" formnovalidate aria-describedby="${hintId}">${f.moreRows[group]}</button>
<p class="hint" id="${hintId}">${f.moreRowsHint}</p>
</fieldset>`;
}

export interface ExtractFormData {
  /** Where the form posts: /sekreterare/nytt, or an extract's /redigera. */
  action: string;
  mode: 'create' | 'edit';
  values: FormValues;
  errors: FormError[];
  /** Extracts of the same organ, meeting and paragraph (create only): shown as a warning with a box to go on. */
  duplicates?: ExtractRow[];
  /** Edit only: the extract is made from an uploaded protocol (its pages picked, if so), whose PDF holds the text. */
  protocol?: { pages?: number[] };
}

function duplicateWarning(lang: Locale, duplicates: ExtractRow[]): SafeHtml {
  const { f } = texts(lang);
  return html`<div class="notice" role="alert" id="duplicate-warning">
<h2>${f.duplicateHeading}</h2>
<p>${f.duplicateText}</p>
<ul>${duplicates.map((d) => html`<li><a href="/sekreterare/utdrag/${d.id}">${d.body}, § ${d.paragraphs}, ${d.meetingDate}: ${d.title}</a></li>`)}</ul>
</div>`;
}

/** The main content of the form page (the page frame is the caller's). */
export function renderExtractFormMain(lang: Locale, csrf: string, data: ExtractFormData): SafeHtml {
  const { t, f } = texts(lang);
  const { values, errors } = data;
  const label = (name: string) => fieldLabel(lang, name)!;
  // Inside the secretary's fieldset the fields need no "Sekreterare:" prefix (the summary's labels keep it).
  const ownLabels: Record<string, string> = { secretaryName: t.fieldName, secretaryEmail: t.fieldEmail };
  const field = (name: string, extra: { hint?: string; kind?: 'textarea' | 'email' } = {}) => {
    const required = isRequiredFormField(name);
    return textField({ name, label: required ? (ownLabels[name] ?? label(name)) : `${ownLabels[name] ?? label(name)} ${t.optional}`, value: values[name] ?? '', required, error: errorOf(errors, name), ...extra });
  };
  const duplicates = data.duplicates ?? [];
  const radio = (name: string, value: string, text: string, checked: boolean) =>
    html`<div class="choice"><input type="radio" id="f-${name}-${value}" name="${name}" value="${value}"${checked ? html` checked` : ''}><label for="f-${name}-${value}">${text}</label></div>`;
  const upload =
    data.mode === 'create'
      ? html`<h2>${t.uploadHeading}</h2>
<form class="stack" method="post" action="${data.action}" enctype="multipart/form-data" novalidate>${csrfInput(csrf)}
${jsonFileField({ label: t.uploadLabel, hint: t.uploadHint, required: true, ...(errorOf(errors, 'upload') ? { error: errorOf(errors, 'upload')! } : {}) })}
${fileField({ name: 'protocol', accept: 'application/pdf,.pdf', label: t.protocolLabel, hint: t.protocolHint, required: false, ...(errorOf(errors, 'protocol') ? { error: errorOf(errors, 'protocol')! } : {}) })}
${textField({ name: 'pages', label: t.pagesLabel, hint: t.pagesHint, value: values.pages ?? '', error: errorOf(errors, 'pages') })}
${duplicates.length > 0 ? checkboxField({ name: 'confirmDuplicate', id: 'f-confirmDuplicate-upload', label: f.duplicateConfirm, checked: false, hint: f.duplicateConfirmHint }) : ''}
<button type="submit">${t.uploadButton}</button>
</form>
<h2>${t.formHeading}</h2>`
      : '';
  return html`<h1>${data.mode === 'create' ? t.newTitle : f.editTitle}</h1>
${errorSummary(lang, errors)}
${duplicates.length > 0 ? duplicateWarning(lang, duplicates) : ''}
${data.mode === 'edit' ? html`<p>${f.editIntro}</p>` : ''}
${data.protocol ? html`<p class="notice" id="protocol-note">${f.editProtocolNote(data.protocol.pages?.join(', '))}</p>` : ''}
${upload}
<p>${t.formIntro}</p>
<form class="stack" method="post" action="${data.action}" enctype="multipart/form-data" novalidate>${csrfInput(csrf)}
<fieldset><legend>${t.legendMeeting}</legend>
${field('body')}
${field('meetingDate', { hint: t.dateHint })}
${field('paragraphs', { hint: t.paragraphsHint })}
${field('title')}
${field('subtitle')}
${field('caseNumber')}
${field('storageLocation')}
${field('deadline', { hint: f.deadlineHint })}
${checkboxField({ name: 'immediateAdjustment', label: f.immediateLabel, checked: values.immediateAdjustment === 'ja', error: errorOf(errors, 'immediateAdjustment') })}
</fieldset>
${data.protocol ? '' : html`<fieldset><legend>${t.legendTexts}</legend>
${field('decision', { kind: 'textarea' })}
${field('summary', { kind: 'textarea' })}
${field('decisionProcess', { kind: 'textarea' })}
</fieldset>`}
${(Object.keys(ROW_GROUPS) as RowGroup[]).filter((group) => !data.protocol || group === 'document').map((group) => rowFieldsets(lang, values, errors, group))}
${signerFieldsets(lang, values, errors)}
<fieldset><legend>${t.legendSecretary}</legend>
${field('secretaryName')}
${field('secretaryEmail', { kind: 'email' })}
</fieldset>
<fieldset><legend>${t.legendOrder}</legend>
${radio('signingOrder', 'parallel', t.orderParallel, values.signingOrder !== 'chair-last')}
${radio('signingOrder', 'chair-last', t.orderChairLast, values.signingOrder === 'chair-last')}
</fieldset>
<fieldset><legend>${f.fieldLocale}</legend>
${radio('locale', 'sv', f.localeSv, values.locale !== 'en')}
${radio('locale', 'en', f.localeEn, values.locale === 'en')}
</fieldset>
${duplicates.length > 0 ? checkboxField({ name: 'confirmDuplicate', label: f.duplicateConfirm, checked: false, hint: f.duplicateConfirmHint }) : ''}
<button type="submit">${data.mode === 'create' ? t.createButton : f.saveEdit}</button>
</form>`;
}
