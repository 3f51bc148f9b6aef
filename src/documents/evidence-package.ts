/**
 * The archivist's evidence package for one justerad extract, rendered from the records that
 * src/use-cases/evidence-records.ts gathers: a zip that can be checked without Justera's database: the final PDF, every stored revision, the anslag, the audit trail, the verification report
 * (JSON and a sealed PDF/A), and the certificates and CRLs (the trust anchor, and the validation data the
 * final PDF carries in its DSS).
 */
import { ZipFile } from 'yazl';
import type { Clock } from '../clock';
import { signerPseudonym, type SignerIdentityPolicy } from '../domain/signer-pseudonym';
import { PdfStream } from '../pdf/objects';
import { PdfFile } from '../pdf/parser';
import { ParsedCertificate } from '../pki/certificate';
import type { KeyMaterial } from '../ca/keys-folder';
import { pemEncode } from '../pki/pem';
import type { Timestamper } from '../tsa/timestamper';
import type { VerificationReport } from '../verification/model';
import { checkAuditChain, exportAuditEvent } from '../use-cases/audit-chain';
import type { EvidenceRecords } from '../use-cases/evidence-records';
import { renderVerificationReportPdf } from './verification-report-pdf';

/** What rendering needs: the keys and TSA for the report's seal, the clock, the signer identity policy. */
export interface EvidenceRenderContext {
  keys: KeyMaterial;
  timestamper: Timestamper;
  clock: Clock;
  /** The deployment's policy, so signers.json can check each certificate's pseudonym against the invited personnummer. */
  signerIdentity: SignerIdentityPolicy;
}

/** One signature of signers.json: the certificate's identifier and the person it stands for. */
export interface SignerBinding {
  field: string;
  role: EvidenceRecords['signers'][number]['role'];
  name: string;
  signedAt: string | null;
  /** The login's subject at the identity provider. */
  signerSubject: string | null;
  /** The certificate's serialNumber when it is a pseudonym (PSEUDO:…). */
  pseudonym?: string;
  /** The certificate's serialNumber when it is no pseudonym (a personnummer under SIGNER_CERTIFICATE_ID=personnummer). */
  certificateSerialNumber?: string;
  /** The invited person's personnummer, as the secretary gave it. */
  personnummer: string | null;
  /** Whether the pseudonym is this personnummer's under the deployment's secret: the binding, checked. */
  pseudonymResolves?: boolean;
}

export interface EvidencePackage {
  zip: Buffer;
  fileName: string;
  /** Paths inside the zip, in order. */
  entries: string[];
  report: VerificationReport;
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40) || 'x';
}

/** Certificates and CRLs of the final revision's /DSS (ETSI EN 319 142-1, 5.4.2), as DER. */
function dssValidationData(pdf: Uint8Array): { certs: Uint8Array[]; crls: Uint8Array[] } {
  const file = PdfFile.parse(pdf);
  const dss = file.resolveDict(file.catalog().get('DSS'));
  const streams = (key: string): Uint8Array[] =>
    (file.resolveArray(dss?.get(key)) ?? []).flatMap((item) => {
      const stream = file.resolve(item);
      return stream instanceof PdfStream ? [file.decodeStream(stream)] : [];
    });
  return { certs: streams('Certs'), crls: streams('CRLs') };
}

const README = (extractId: string, title: string) => `Bevispaket för protokollsutdrag ${extractId}
${title}

final.pdf                   det justerade utdraget (PAdES B-LTA): kontrollera med
                              pdfsig final.pdf     (poppler-utils)
                              npx justera verify final.pdf --trust certificates/root-ca.pem
revisions/                  varje lagrad version av filen, i ordning (varje fil är början av nästa)
anslag/                     anslaget på anslagstavlan: uppgifter (JSON) och anslagets egen PDF med sigill
audit-trail.json            händelseloggen med hashkedja (chainIntact säger om varje länk håller)
signers.json                vem varje underskrift är: certifikatets pseudonym (PSEUDO:…) och den inbjudna
                              personen med personnummer; pseudonymResolves säger om pseudonymen är hennes
verification-report.json    verifierarens rapport över final.pdf
verification-report.pdf     samma rapport som PDF/A, med organisationens sigill
certificates/               förtroendeankaret (root-ca.pem) och certifikaten i final.pdf:s DSS
crls/                       spärrlistorna: rotens aktuella och de i final.pdf:s DSS
extract.json                utdraget som sekreteraren skrev det (den version som justerades)
`;

/**
 * The certificates name signers by pseudonym; this file, only in the package the secretary and the archive
 * read, says whom each stands for and checks it by deriving the pseudonym of the invited personnummer.
 */
function signerBindings(signers: EvidenceRecords['signers'], report: VerificationReport, policy: SignerIdentityPolicy, now: Date): SignerBinding[] {
  return signers
    .filter((signer) => signer.state === 'signed')
    .map((signer) => {
      const names = report.signatures.find((signature) => signature.field === signer.field)?.signerNames;
      const binding: SignerBinding = { field: signer.field, role: signer.role, name: signer.name, signedAt: signer.signedAt, signerSubject: signer.signerSubject, personnummer: signer.personnummer };
      if (names?.serialNumber !== undefined) binding.certificateSerialNumber = names.serialNumber;
      if (names?.pseudonym !== undefined) {
        binding.pseudonym = names.pseudonym;
        binding.pseudonymResolves = policy.kind === 'pseudonym' && signer.personnummer !== null && signerPseudonym(signer.personnummer, policy.secret, now) === names.pseudonym;
      }
      return binding;
    });
}

/**
 * The zip of the gathered records and the verification report of their final PDF (JSON, and as a sealed
 * PDF/A with the organisation's seal).
 */
export async function renderEvidencePackage(records: EvidenceRecords, report: VerificationReport, ctx: EvidenceRenderContext): Promise<EvidencePackage> {
  const { extract, final } = records;
  const extractId = extract.id;
  const now = ctx.clock.now();
  const zip = new ZipFile();
  const entries: string[] = [];
  const add = (path: string, data: Uint8Array | string): void => {
    zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data), path, { mtime: now, mode: 0o100644 });
    entries.push(path);
  };

  add('README.txt', README(extractId, `${extract.body}, § ${extract.paragraphs}: ${extract.title}`));
  add('final.pdf', final);
  for (const { revision, bytes } of records.revisions) {
    const name = `v${revision.version}-${String(revision.seq).padStart(2, '0')}-${revision.kind}${revision.field ? `-${revision.field}` : ''}.pdf`;
    add(`revisions/${name}`, bytes);
  }
  for (const { record, noticePdf } of records.anslag) {
    add(`anslag/${record.id}.json`, `${JSON.stringify(record, null, 2)}\n`);
    add(`anslag/${record.id}.pdf`, noticePdf);
  }

  const breaks = checkAuditChain(records.auditEvents);
  add('audit-trail.json', `${JSON.stringify({ extractId, chainIntact: breaks.length === 0, breaks, events: records.auditEvents.map(exportAuditEvent) }, null, 2)}\n`);

  add('verification-report.json', `${JSON.stringify(report, null, 2)}\n`);
  add('signers.json', `${JSON.stringify({ extractId, signers: signerBindings(records.signers, report, ctx.signerIdentity, now) }, null, 2)}\n`);
  add('verification-report.pdf', await renderVerificationReportPdf(report, ctx));

  add('certificates/root-ca.pem', pemEncode('CERTIFICATE', ctx.keys.root.certificate));
  add('crls/root-ca.crl', ctx.keys.rootCrl);
  const dss = dssValidationData(final);
  dss.certs.forEach((der, index) => {
    let name = 'certificate';
    try {
      name = ParsedCertificate.fromDer(der).subject.match(/CN=([^,]+)/)?.[1] ?? name;
    } catch {
      // kept under a neutral name: the archivist still gets the bytes the PDF carries
    }
    add(`certificates/dss-${String(index + 1).padStart(2, '0')}-${slug(name)}.pem`, pemEncode('CERTIFICATE', der));
  });
  dss.crls.forEach((der, index) => add(`crls/dss-${String(index + 1).padStart(2, '0')}.crl`, der));

  if (records.extractJson !== undefined) add('extract.json', `${JSON.stringify(JSON.parse(records.extractJson), null, 2)}\n`);

  const zipped = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  zip.end();
  return { zip: await zipped, fileName: `bevispaket-${extractId}.zip`, entries, report };
}
