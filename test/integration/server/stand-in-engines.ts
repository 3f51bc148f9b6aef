/**
 * TEST ONLY: document engines that append marker bytes instead of building PDFs, for the tests of the
 * HTTP and workflow layers that do not look at the PDF (refusals, state machine, audit chain).
 */
import { randomBytes } from 'node:crypto';
import { requiredFields } from '../../../src/domain/roles';
import { sha256Hex } from '../../../src/storage/pdf-revisions-repository';
import type { DocumentEngines, SignedDocument } from '../../../src/use-cases/service-context';

export function standInEngines(): DocumentEngines {
  return {
    // Like the real document, the stand-in carries its required fields (the real one in its XMP).
    assemble: async (extract) => ({
      pdf: Buffer.from(`%PDF-1.7\n% stand-in ${extract.title} ${randomBytes(8).toString('hex')}\n% required ${requiredFields(extract).join(' ')}\n`),
      verificationCode: randomBytes(5).toString('hex').toUpperCase(),
    }),
    sign: async (pdf, request) => {
      const signed = Buffer.concat([pdf, Buffer.from(`% signed ${request.field} by ${request.person.name} acr ${request.person.acr}\n`)]);
      const text = signed.toString('latin1');
      const required = /^% required (.*)$/m.exec(text)?.[1]?.split(' ') ?? [];
      const complete = required.every((field) => text.includes(`% signed ${field} `));
      const revisions: SignedDocument['revisions'] = [{ pdf: signed, sha256: sha256Hex(signed), kind: 'signed' }];
      if (complete) {
        const timestamped = Buffer.concat([signed, Buffer.from('% document timestamp\n')]);
        revisions.push({ pdf: timestamped, sha256: sha256Hex(timestamped), kind: 'timestamped' });
      }
      return { revisions };
    },
    verify: async () => ({ justeringComplete: true, indication: 'STAND_IN', summary: 'stand-in engine: not verified' }),
  };
}
