/**
 * The secretary's care of one signer's link while the extract is out for justering: a new invitation (the
 * link expired or the mail was lost) and a corrected e-mail address (which sends the new link there). Both
 * revoke the signer's earlier link and name the secretary in the audit trail.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { JusteraError } from '../errors';
import type { ExtractRow } from '../storage/extracts-repository';
import { findSigner, updateSigner, type SignerRow } from '../storage/signers-repository';
import { withExtractLock } from '../storage/transactions';
import { appendAuditEvent } from './audit-chain';
import { issueInvitation, loadExtractJson, mailAddressOf } from './extract-service';
import { actorLabel, type Actor, type ServiceContext } from './service-context';

const emailSchema = z.string().trim().pipe(z.email().max(320));

/** The pending signer of an extract out for justering, or the reason the secretary cannot act on it. */
async function pendingSigner(trx: Knex.Transaction, extract: ExtractRow | undefined, extractId: string, field: string): Promise<{ extract: ExtractRow; signer: SignerRow }> {
  if (!extract) throw new JusteraError('ERR_NOT_FOUND', `no extract with id "${extractId}"`, { field: 'id' });
  const signer = await findSigner(trx, extractId, extract.currentVersion, field);
  if (!signer) throw new JusteraError('ERR_NOT_FOUND', `extract "${extractId}" has no signer "${field}"`, { field: 'field' });
  if (extract.state !== 'out_for_justering') {
    throw new JusteraError('ERR_WRONG_STATE', `extract "${extractId}" is ${extract.state}; links are sent only while it is out for justering`, { field: 'state' });
  }
  if (signer.state !== 'pending') throw new JusteraError('ERR_WRONG_STATE', `${signer.name} has already ${signer.state === 'signed' ? 'signed' : 'declined'}; no new link is needed`, { field: 'field' });
  return { extract, signer };
}

/** Sends one signer a new link (the old one stops working). */
export async function reinviteSigner(ctx: ServiceContext, extractId: string, field: string, actor: Actor): Promise<SignerRow> {
  return withExtractLock(ctx.db, extractId, async (trx, found) => {
    const { extract, signer } = await pendingSigner(trx, found, extractId, field);
    if (!signer.invitedAt) {
      throw new JusteraError('ERR_WRONG_STATE', `${signer.name} is invited once every justerare has signed (the ordförande signs last)`, { field: 'field' });
    }
    const json = await loadExtractJson(trx, extractId, extract.currentVersion);
    const invited = await issueInvitation(ctx, trx, extract, signer, { to: mailAddressOf(signer, json.participants.secretary.email), reminder: false });
    await appendAuditEvent(trx, { extractId, at: ctx.clock.now(), type: 'reinvited', actor: actorLabel(actor), details: { field, to: mailAddressOf(signer, json.participants.secretary.email), linkExpiresAt: invited.invitationExpiresAt } });
    return invited;
  });
}

/**
 * Corrects a signer's e-mail address. An invited signer gets a new link at the new address at once (the
 * token carries the address's HMAC, and the old mail may have gone astray); one not yet invited gets it
 * when the invitation goes out.
 */
export async function changeSignerEmail(ctx: ServiceContext, extractId: string, field: string, email: string, actor: Actor): Promise<SignerRow> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new JusteraError('ERR_INPUT_INVALID', 'email must be an e-mail address such as namn@kommun.se', { field: 'email' });
  return withExtractLock(ctx.db, extractId, async (trx, found) => {
    const { extract, signer } = await pendingSigner(trx, found, extractId, field);
    const changed = { ...signer, email: parsed.data };
    await updateSigner(trx, signer, { email: parsed.data });
    await appendAuditEvent(trx, { extractId, at: ctx.clock.now(), type: 'email_changed', actor: actorLabel(actor), details: { field, from: signer.email, to: parsed.data } });
    if (!signer.invitedAt) return changed;
    return issueInvitation(ctx, trx, extract, changed, { to: parsed.data, reminder: false });
  });
}
