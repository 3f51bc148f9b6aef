/**
 * TEST ONLY: document engines that append marker bytes instead of building PDFs, for the tests of the
 * HTTP and workflow layers that do not look at the PDF (refusals, state machine, audit chain).
 */
import { randomBytes } from 'node:crypto';
import { requiredFields } from '../../../src/domain/roles';
import type { DocumentEngines } from '../../../src/use-cases/service-context';

export function standInEngines(): DocumentEngines {
  return {
    // The required fields travel in the document, as the real PDF's XMP carries them.
    assemble: async (extract) => ({
      pdf: Buffer.from(`%PDF-1.7\n% stand-in ${extract.title} ${randomBytes(8).toString('hex')}\n% required ${requiredFields(extract).join(' ')}\n`),
      verificationCode: randomBytes(5).toString('hex').toUpperCase(),
    }),
    sign: async (pdf, request) => {
      const signed = Buffer.concat([pdf, Buffer.from(`% signed ${request.field} by ${request.person.name} acr ${request.person.acr}\n`)]);
      const text = signed.toString('latin1');
      const required = /^% required (.*)$/m.exec(text)?.[1]?.split(' ') ?? [];
      const complete = required.every((field) => text.includes(`% signed ${field} `));
      const revisions: { pdf: Uint8Array; kind: 'signed' | 'timestamped' }[] = [{ pdf: signed, kind: 'signed' }];
      if (complete) revisions.push({ pdf: Buffer.concat([signed, Buffer.from('% document timestamp\n')]), kind: 'timestamped' });
      return { revisions };
    },
    verify: async () => ({ justeringComplete: true, indication: 'STAND_IN', summary: 'stand-in engine: not verified' }),
  };
}
