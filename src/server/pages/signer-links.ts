/**
 * The signers of one extract on the secretary's page: each one's state and link (valid until when, or
 * "länken har gått ut"), and while the extract is out for justering the two things the secretary does for
 * one signer: send a new link, and correct the e-mail address (which sends the new link there).
 */
import { roleLabel, type SignerRole } from '../../domain/roles';
import type { ExtractView, SignerView } from '../../use-cases/extract-service';
import { formatStockholmMinute } from './shared/dates';
import { html, type SafeHtml } from './shared/html';
import { buttonForm, csrfInput, errorOf, textField, type FormError } from './form-fields';
import type { PageMessages } from '../../texts/pages';
import type { SecretaryContext } from './secretary-pages';

function when(iso: string | null): string {
  return iso ? formatStockholmMinute(iso) : '–';
}

/** What the secretary needs to know about the signer's link. */
function linkState(t: PageMessages, signer: SignerView): SafeHtml | string {
  if (signer.state !== 'pending' || !signer.invitedAt || !signer.invitationExpiresAt) return '–';
  if (signer.linkExpired) return html`<strong class="link-expired">${t.linkExpired}</strong>`;
  return t.linkValidUntil(when(signer.invitationExpiresAt));
}

/** The field name of a signer's e-mail form: one per signer on the page. */
export function signerEmailField(field: string): string {
  return `email-${field}`;
}

export function isSignerEmailField(name: string): boolean {
  return /^email-[a-z0-9-]+$/.test(name);
}

export function renderSignersTable(t: PageMessages, ctx: SecretaryContext, view: ExtractView): SafeHtml {
  return html`<div class="table-wrap"><table>
<caption class="visually-hidden">${t.signersHeading}</caption>
<thead><tr><th scope="col">${t.colRole}</th><th scope="col">${t.colName}</th><th scope="col">${t.colState}</th><th scope="col">${t.colInvited}</th><th scope="col">${t.colLink}</th><th scope="col">${t.colOpened}</th><th scope="col">${t.colSignedAt}</th></tr></thead>
<tbody>${view.signers.map(
    (s) => html`<tr>
<td>${roleLabel(s.role as SignerRole, ctx.lang)}</td>
<td>${s.name}${s.email ? html`<br><span class="hint">${s.email}</span>` : ''}</td>
<td><span class="state state-${s.state}">${t.signerStates[s.state]}</span></td>
<td>${when(s.invitedAt)}</td>
<td>${linkState(t, s)}</td>
<td>${when(s.linkOpenedAt)}</td>
<td>${when(s.signedAt ?? s.declinedAt)}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

/** Per pending signer: "Skicka ny länk" (once invited) and the e-mail correction. */
export function renderSignerLinkActions(t: PageMessages, ctx: SecretaryContext, view: ExtractView, errors: readonly FormError[]): SafeHtml | '' {
  if (view.state !== 'out_for_justering') return '';
  const pending = view.signers.filter((s) => s.state === 'pending');
  if (pending.length === 0) return '';
  const base = `/sekreterare/utdrag/${view.id}`;
  return html`<div class="signer-actions">${pending.map((s) => {
    const name = signerEmailField(s.field);
    const error = errorOf(errors, name);
    return html`<section class="card" aria-labelledby="signer-${s.field}">
<h3 id="signer-${s.field}">${roleLabel(s.role as SignerRole, ctx.lang)}: ${s.name}</h3>
${s.invitedAt ? buttonForm(`${base}/undertecknare/${s.field}/ny-lank`, t.reinviteButton, ctx.csrf, { className: 'secondary' }) : ''}
<form class="stack" method="post" action="${base}/undertecknare/${s.field}/epost">${csrfInput(ctx.csrf)}
${textField({ name, label: t.changeEmailLabel(s.name), value: s.email ?? '', kind: 'email', required: true, autocomplete: 'off', ...(error !== undefined ? { error } : {}) })}
<button type="submit" class="secondary">${t.changeEmailButton}</button>
</form>
</section>`;
  })}</div>`;
}
