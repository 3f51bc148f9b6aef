/**
 * The real document engines behind the service's seam (service-context.ts): assembly with the
 * organisation's seal, PAdES signing of a field for the authenticated person (a fresh key and certificate
 * per signature; the login's acr goes into the certificate), and verification of the final PDF.
 */
import type { Clock } from '../clock';
import type { ServiceConfig } from '../config/service-config';
import type { KeyMaterial } from '../ca/keys-folder';
import type { Timestamper } from '../tsa/timestamper';
import { extractWithSections } from '../domain/extract';
import { readProtocolText } from '../assembly/protocol-text';
import { assembleExtract, assembleProtocol, conversionNotes } from './assemble-extract';
import { organisationSeal } from './seal-extract';
import { signExtractField, type SignExtractFieldResult } from './sign-extract';
import { signingContextFor, type TsaSetting } from './signing-context';
import { createVerifier } from './verify-document';
import type { DocumentEngines, SignedDocument } from '../use-cases/service-context';

export interface EngineContext {
  keys: KeyMaterial;
  /** The TSA `timestamper` stamps with; the seal stamps with it on its own pinned clock (seal-extract.ts). */
  tsa: TsaSetting;
  timestamper: Timestamper;
  clock: Clock;
  config: Pick<ServiceConfig, 'publicBaseUrl'>;
  /** The persons come from the demo login provider: every signature's appearance says DEMO. */
  demonstrationLogin?: boolean;
}

/**
 * The bytes of every revision the call appended: the signature with its validation data, and the document
 * timestamp after it, with the hashes signing computed on the way (each byte hashed once).
 */
function splitRevisions(result: SignExtractFieldResult): SignedDocument['revisions'] {
  const signed = { pdf: result.documentTimestamped ? result.pdf.subarray(0, result.signedEnd) : result.pdf, sha256: result.signedSha256, kind: 'signed' as const };
  return result.documentTimestamped ? [signed, { pdf: result.pdf, sha256: result.sha256, kind: 'timestamped' }] : [signed];
}

export function documentEngines(ctx: EngineContext): DocumentEngines {
  const verifier = createVerifier(ctx.keys.trustAnchors);
  return {
    assemble: async (extract, createdAt, protocol) => {
      const options = { createdAt, publicBaseUrl: ctx.config.publicBaseUrl, seal: organisationSeal(ctx.keys, { time: createdAt, tsa: ctx.tsa }) };
      if (!protocol) {
        const assembled = await assembleExtract(extractWithSections(extract), options);
        return { pdf: assembled.pdf, verificationCode: assembled.verificationCode };
      }
      const assembled = await assembleProtocol(extract, protocol.pdf, { ...options, ...(protocol.pages && { pages: protocol.pages }) });
      const { pickedPages, protocolPages } = assembled.conversion;
      // Read once here, in the engine's thread, and stored with the version: the signing page never parses a PDF.
      const protocolText = await readProtocolText(assembled.pdf, pickedPages ?? Array.from({ length: protocolPages }, (_, i) => i + 1));
      return { pdf: assembled.pdf, verificationCode: assembled.verificationCode, protocolText, protocolConversion: conversionNotes(assembled.conversion) };
    },
    sign: async (pdf, request) => {
      const { person, subjectSerialNumber } = request;
      const result = await signExtractField(pdf, {
        ...signingContextFor(ctx.keys, ctx.clock, ctx.timestamper),
        field: request.field,
        claimedTime: request.at,
        ...(ctx.demonstrationLogin ? { demonstration: true } : {}),
        signer: {
          person: {
            name: person.name,
            givenName: person.givenName,
            surname: person.surname,
            ...(subjectSerialNumber ? { serialNumber: subjectSerialNumber } : {}),
            ...(person.email ? { email: person.email } : {}),
            authnLevel: person.acr,
          },
        },
      });
      return { revisions: splitRevisions(result) };
    },
    verify: async (pdf) => {
      const report = await verifier.verify(pdf, { clock: ctx.clock });
      return { justeringComplete: report.justering?.complete ?? false, indication: report.indication, summary: report.summary.en };
    },
  };
}
