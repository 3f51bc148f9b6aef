/**
 * Accessible form controls: every input has a <label>, its hint and error are tied to it with
 * aria-describedby, an invalid field says so with aria-invalid and in words (never by colour alone).
 */
import { html, type SafeHtml } from './shared/html';
import { CSRF_FIELD } from '../auth/csrf';

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
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

export function textField(spec: FieldSpec): SafeHtml {
  const id = `f-${spec.name}`;
  const described = [spec.hint ? `${id}-hint` : '', spec.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html` id="${id}" name="${spec.name}"${spec.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${spec.error ? html` aria-invalid="true"` : ''}${spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''}`;
  const control =
    spec.kind === 'textarea'
      ? html`<textarea${common} rows="6">${spec.value ?? ''}</textarea>`
      : html`<input type="${spec.kind ?? 'text'}"${common} value="${spec.value ?? ''}">`;
  return html`<div class="field">
<label for="${id}">${spec.label}</label>
${spec.hint ? html`<span class="hint" id="${id}-hint">${spec.hint}</span>` : ''}
${spec.error ? html`<span class="field-error" id="${id}-error">${spec.error}</span>` : ''}
${control}
</div>`;
}

/** A JSON file upload (field `upload`), with the same hint/error wiring as textField. */
export function jsonFileField(spec: { label: string; hint: string; error?: string; required: boolean }): SafeHtml {
  const described = `f-upload-hint${spec.error ? ' f-upload-error' : ''}`;
  return html`<div class="field">
<label for="f-upload">${spec.label}</label>
<span class="hint" id="f-upload-hint">${spec.hint}</span>
${spec.error ? html`<span class="field-error" id="f-upload-error">${spec.error}</span>` : ''}
<input type="file" id="f-upload" name="upload" accept="application/json,.json"${spec.required ? html` required` : ''} aria-describedby="${described}"${spec.error ? html` aria-invalid="true"` : ''}>
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
