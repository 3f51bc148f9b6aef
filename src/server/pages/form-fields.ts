/**
 * Accessible form controls: every input has a <label>, its hint and error are tied to it with
 * aria-describedby, an invalid field says so with aria-invalid and in words (never by colour alone).
 */
import { html, type SafeHtml } from './shared/html';
import { CSRF_FIELD } from '../auth/csrf';

/** One problem of a posted form: what to write, and the form field it is about (none: the form as a whole). */
export interface FormError {
  message: string;
  field?: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  /** The error text of this field (shown under the label, announced with it). */
  error?: string;
  required?: boolean;
  kind?: 'text' | 'email' | 'textarea';
  autocomplete?: string;
  rows?: number;
}

/** The error text of one field: every problem posted for it, in order (undefined for none). */
export function errorOf(errors: readonly FormError[], name: string): string | undefined {
  const own = errors.filter((e) => e.field === name).map((e) => e.message);
  return own.length === 0 ? undefined : own.join(' ');
}

function describedBy(id: string, hint: boolean, error: boolean): SafeHtml | '' {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"${error ? html` aria-invalid="true"` : ''}` : '';
}

function hintAndError(id: string, hint: string | undefined, error: string | undefined): SafeHtml {
  return html`${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}`;
}

/** A drop-down list; `choices` are value → label, the first entry is shown first. */
export function selectField(spec: Omit<FieldSpec, 'kind' | 'autocomplete' | 'rows'> & { choices: [string, string][] }): SafeHtml {
  const id = `f-${spec.name}`;
  return html`<div class="field">
<label for="${id}">${spec.label}</label>
${hintAndError(id, spec.hint, spec.error)}
<select id="${id}" name="${spec.name}"${spec.required ? html` required` : ''}${describedBy(id, Boolean(spec.hint), Boolean(spec.error))}>${spec.choices.map(([value, label]) => html`<option value="${value}"${value === (spec.value ?? '') ? html` selected` : ''}>${label}</option>`)}</select>
</div>`;
}

/** One check box (value `ja`), its label after it. */
export function checkboxField(spec: { name: string; label: string; checked: boolean; hint?: string; error?: string; id?: string }): SafeHtml {
  const id = spec.id ?? `f-${spec.name}`;
  return html`<div class="choice"><input type="checkbox" id="${id}" name="${spec.name}" value="ja"${spec.checked ? html` checked` : ''}${describedBy(id, Boolean(spec.hint), Boolean(spec.error))}><label for="${id}">${spec.label}</label></div>
${hintAndError(id, spec.hint, spec.error)}`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

export function textField(spec: FieldSpec): SafeHtml {
  const id = `f-${spec.name}`;
  const common = html` id="${id}" name="${spec.name}"${spec.required ? html` required` : ''}${describedBy(id, Boolean(spec.hint), Boolean(spec.error))}${spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''}`;
  const control =
    spec.kind === 'textarea'
      ? html`<textarea${common} rows="${String(spec.rows ?? 6)}">${spec.value ?? ''}</textarea>`
      : html`<input type="${spec.kind ?? 'text'}"${common} value="${spec.value ?? ''}">`;
  return html`<div class="field">
<label for="${id}">${spec.label}</label>
${hintAndError(id, spec.hint, spec.error)}
${control}
</div>`;
}

/** A JSON file upload (field `upload`), with the same hint/error wiring as textField. */
export function jsonFileField(spec: { label: string; hint: string; error?: string; required: boolean }): SafeHtml {
  return fileField({ ...spec, name: 'upload', accept: 'application/json,.json' });
}

/** A file input with its label, hint and error tied to it (aria-describedby), as the other fields. */
export function fileField(spec: { name: string; accept: string; label: string; hint: string; error?: string; required: boolean }): SafeHtml {
  const id = `f-${spec.name}`;
  const described = `${id}-hint${spec.error ? ` ${id}-error` : ''}`;
  return html`<div class="field">
<label for="${id}">${spec.label}</label>
<span class="hint" id="${id}-hint">${spec.hint}</span>
${spec.error ? html`<span class="field-error" id="${id}-error">${spec.error}</span>` : ''}
<input type="file" id="${id}" name="${spec.name}" accept="${spec.accept}"${spec.required ? html` required` : ''} aria-describedby="${described}"${spec.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

/** A form with one button (send, remind, cancel): POST with the CSRF token. */
export function buttonForm(action: string, label: string, token: string, options: { className?: string; hint?: string } = {}): SafeHtml {
  const hintId = options.hint ? `hint-${action.replace(/[^a-z0-9]+/gi, '-')}` : undefined;
  return html`<form method="post" action="${action}">${csrfInput(token)}
<button type="submit"${options.className ? html` class="${options.className}"` : ''}${hintId ? html` aria-describedby="${hintId}"` : ''}>${label}</button>
${options.hint ? html`<p class="hint" id="${hintId}">${options.hint}</p>` : ''}
</form>`;
}
