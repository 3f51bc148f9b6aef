/**
 * What the public side reads, never before an anslag's day: the anslagstavla, its archive, one posted
 * anslag (with its PDFs), and what a verification code stands for (the QR code's target).
 */
import type { Db } from '../storage/db';
import { findAnslag, findAnslagByVerificationCode, listCurrentAnslag, searchAnslagArchive, type AnslagRecord } from '../storage/anslag-repository';
import { describeExtract, findDocumentVersionByCode, findExtract, type ExtractDescription } from '../storage/extracts-repository';
import { findHeadRevision, getBlob } from '../storage/pdf-revisions-repository';
import { listSigners } from '../storage/signers-repository';
import { anslagPdf } from './anslag-service';

/** The anslag on the anslagstavla on `today` (posted, not yet taken down), newest first. */
export function currentAnslag(db: Db, today: string): Promise<AnslagRecord[]> {
  return listCurrentAnslag(db, today);
}

/** Every anslag posted by `today`, current or taken down, newest first, filtered by the search words. */
export function anslagArchive(db: Db, query: { q?: string | undefined; today: string; limit: number; offset: number }): Promise<{ total: number; items: AnslagRecord[] }> {
  return searchAnslagArchive(db, { ...(query.q !== undefined ? { q: query.q } : {}), postedOnOrBefore: query.today, limit: query.limit, offset: query.offset });
}

/** One anslag, once its day has come. */
export async function postedAnslag(db: Db, id: string, today: string): Promise<AnslagRecord | undefined> {
  const anslag = await findAnslag(db, id);
  return anslag && anslag.postedOn <= today ? anslag : undefined;
}

/** The signed extract or the notice of one anslag, once its day has come. */
export async function postedAnslagPdf(db: Db, id: string, which: 'signed' | 'notice', today: string): Promise<{ anslag: AnslagRecord; bytes: Buffer } | undefined> {
  const found = await anslagPdf(db, id, which);
  return found && found.anslag.postedOn <= today ? found : undefined;
}

/** What is known of an extract not yet justerat: organ, §, title and who has signed so far. */
export interface PendingExtract {
  description: ExtractDescription;
  state: 'pending' | 'declined' | 'cancelled';
  /** A later version replaced the one this code names. */
  superseded: boolean;
  signedSoFar: { name: string; role: 'chair' | 'adjuster' }[];
}

export type CodeAnswer = { kind: 'justerad'; bytes: Uint8Array; anslag?: AnslagRecord } | { kind: 'pending'; pending: PendingExtract };

const JUSTERAD_STATES: readonly string[] = ['justerad', 'anslag_published', 'anslag_taken_down'];

/**
 * What a verification code stands for: the signed PDF (its anslag's, or a justerad version's final
 * revision), or, for an extract not justerat, what is known of it.
 */
export async function lookUpVerificationCode(db: Db, code: string, today: string): Promise<CodeAnswer | undefined> {
  const anslag = await findAnslagByVerificationCode(db, code);
  if (anslag && anslag.postedOn <= today) {
    const found = await anslagPdf(db, anslag.id, 'signed');
    if (found) return { kind: 'justerad', bytes: found.bytes, anslag };
  }
  const version = await findDocumentVersionByCode(db, code);
  if (!version) return undefined;
  const extract = await findExtract(db, version.extractId);
  if (!extract) return undefined;
  if (JUSTERAD_STATES.includes(extract.state) && version.version === extract.currentVersion) {
    const head = await findHeadRevision(db, version.extractId, version.version);
    const bytes = head ? await getBlob(db, head.sha256) : undefined;
    return bytes ? { kind: 'justerad', bytes } : undefined;
  }
  const signers = await listSigners(db, version.extractId, version.version);
  return {
    kind: 'pending',
    pending: {
      description: describeExtract(extract),
      state: extract.state === 'cancelled' ? 'cancelled' : extract.state === 'declined' ? 'declined' : 'pending',
      superseded: version.version < extract.currentVersion,
      signedSoFar: signers.filter((signer) => signer.state === 'signed').map(({ name, role }) => ({ name, role })),
    },
  };
}
