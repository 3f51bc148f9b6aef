/**
 * Profile is not validity: which level a signature reaches (PAdES baseline B-B … B-LTA, ETSI EN 319
 * 142-1 6, or plain CMS as ISO 32000-1 12.8.3.3 allows) and why not baseline. A plain CMS signature
 * (signingTime attribute, no ESS signing-certificate, no signed attributes, adbe.pkcs7.*) is a valid
 * signature that is not PAdES baseline; only documents of our own must be baseline (strict profile),
 * and there the old format failures stand. Pure.
 */
import type { PadesLevel, Reason, SignatureFacts, SignatureProfile } from './model';

type Note = SignatureProfile['notes'][number];

/** Why the signature is not PAdES baseline (EN 319 142-1 6.3 table 1); empty when it is, or when its CMS was not read. */
export function baselineNotes(facts: SignatureFacts): Note[] {
  const cms = facts.cms;
  if (facts.kind === 'document-timestamp' || !cms) return [];
  const notes: Note[] = [];
  if (facts.subFilter !== 'ETSI.CAdES.detached') {
    notes.push({ sv: `/SubFilter /${facts.subFilter ?? '?'} (PAdES använder ETSI.CAdES.detached)`, en: `/SubFilter /${facts.subFilter ?? '?'} (PAdES uses ETSI.CAdES.detached)` });
  }
  if (!cms.signedAttributes) {
    notes.push({ sv: 'inga signerade attribut (signaturen gäller innehållet direkt)', en: 'no signed attributes (the signature is directly over the content)' });
  }
  if (cms.signingTime) notes.push({ sv: 'signingTime-attribut finns', en: 'signingTime attribute present' });
  if (cms.signedAttributes && cms.essSigningCertificate === 'none') {
    notes.push({ sv: 'inget ESS signing-certificate-v2-attribut', en: 'no ESS signing-certificate-v2 attribute' });
  }
  return notes;
}

export function profileOf(facts: SignatureFacts, level: PadesLevel | undefined): SignatureProfile | undefined {
  if (facts.kind === 'document-timestamp' || !facts.cms) return undefined;
  const notes = baselineNotes(facts);
  return level && notes.length === 0 ? { padesBaseline: true, level: `PAdES ${level}`, notes } : { padesBaseline: false, level: 'CMS', notes };
}

/**
 * The strict profile for our own documents, exactly the format demands the verifier made of every
 * document before: ETSI.CAdES.detached needs ESS signing-certificate(-v2) and no CMS signingTime
 * (EN 319 142-1 6.3), every CMS needs signed attributes, and adbe.pkcs7.sha1 is not ours.
 */
export function strictProfileProblems(facts: SignatureFacts): Reason[] {
  const cms = facts.cms;
  if (facts.kind === 'document-timestamp' || !cms) return [];
  const problems: Reason[] = [];
  if (facts.subFilter === 'adbe.pkcs7.sha1') problems.push({ code: 'SUBFILTER_UNSUPPORTED', detail: '/SubFilter /adbe.pkcs7.sha1 in a Justera document' });
  if (!cms.signedAttributes) problems.push({ code: 'CMS_ATTRIBUTES_MALFORMED', detail: 'the SignerInfo has no signed attributes' });
  if (facts.subFilter === 'ETSI.CAdES.detached' && cms.signedAttributes && cms.essSigningCertificate === 'none') {
    problems.push({ code: 'SIGNING_CERTIFICATE_REFERENCE_MISSING', detail: 'no ESS signing-certificate-v2 attribute' });
  }
  if (facts.subFilter === 'ETSI.CAdES.detached' && cms.signingTime) {
    problems.push({ code: 'CMS_SIGNING_TIME_PRESENT', detail: 'PAdES baseline forbids the CMS signingTime attribute (the claimed time is /M)' });
  }
  return problems;
}
