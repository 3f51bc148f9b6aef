/**
 * The extract's life: its states, its signers', its PDF revisions' and its anslag's, and the state machine
 * over the extract's. Pure: it says which event moves which state where, and refuses anything else with
 * ERR_WRONG_STATE (HTTP 409); the service applies the move in its transaction. Storage persists these
 * values as they are spelt here (docs/glossary.md gives the Swedish words).
 */
import { JusteraError } from '../errors';

export type ExtractState =
  | 'draft'
  | 'out_for_justering'
  | 'justerad'
  | 'anslag_published'
  | 'anslag_taken_down'
  | 'declined'
  | 'cancelled';

/** One required signer of one document version: invited and waiting, signed, or declined with a comment. */
export type SignerState = 'pending' | 'signed' | 'declined';

/** What made a stored PDF revision: assembly and seal, a signature, or the closing document timestamp. */
export type RevisionKind = 'assembled' | 'signed' | 'timestamped';

/** The anslag of a justerat protocol, or of one paragraph justerad at the meeting (omedelbar justering). */
export type AnslagKind = 'protocol' | 'omedelbar';
/** An anslag waits for its posting day, is on the anslagstavla, then is taken down (it stays in the archive). */
export type AnslagState = 'scheduled' | 'published' | 'taken_down';

export type LifecycleEvent =
  | 'send'
  | 'sign'
  | 'complete'
  | 'decline'
  | 'revise'
  | 'cancel'
  | 'publish'
  | 'take_down';

const transitions: Record<LifecycleEvent, Partial<Record<ExtractState, ExtractState>>> = {
  send: { draft: 'out_for_justering' },
  // A signature that is not the last keeps the extract out for justering.
  sign: { out_for_justering: 'out_for_justering' },
  complete: { out_for_justering: 'justerad' },
  decline: { out_for_justering: 'declined' },
  // The secretary's revision after a decline (or of a draft) starts a new document version as a draft.
  revise: { declined: 'draft', draft: 'draft' },
  cancel: { draft: 'cancelled', out_for_justering: 'cancelled', declined: 'cancelled' },
  publish: { justerad: 'anslag_published' },
  take_down: { anslag_published: 'anslag_taken_down' },
};

const stateLabels: Record<ExtractState, string> = {
  draft: 'a draft',
  out_for_justering: 'out for justering',
  justerad: 'justerad',
  anslag_published: 'published on the anslagstavla',
  anslag_taken_down: 'taken down from the anslagstavla',
  declined: 'declined by a signer (back with the secretary)',
  cancelled: 'cancelled',
};

export function canApply(state: ExtractState, event: LifecycleEvent): boolean {
  return transitions[event][state] !== undefined;
}

/** The state after `event`, or ERR_WRONG_STATE naming the current state. */
export function nextState(state: ExtractState, event: LifecycleEvent): ExtractState {
  const next = transitions[event][state];
  if (next === undefined) {
    throw new JusteraError('ERR_WRONG_STATE', `cannot ${event.replace('_', ' ')} an extract that is ${stateLabels[state]}`, { field: 'state' });
  }
  return next;
}

export const extractStates: readonly ExtractState[] = Object.keys(stateLabels) as ExtractState[];
