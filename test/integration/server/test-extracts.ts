/** Extract JSON for service tests: the repository's example with the demo provider's persons as signers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PERSONS } from '../../../src/server/auth/index';

export type DemoId = 'johan' | 'sara' | 'asa' | 'lars' | 'karin';

export function demoPerson(id: DemoId): { name: string; personnummer: string; email: string } {
  const person = DEMO_PERSONS.find((p) => p.id === id);
  if (!person) throw new Error(`no demo person ${id}`);
  return { name: `${person.givenName} ${person.surname}`, personnummer: person.personnummer, email: person.email };
}

export function exampleExtractJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8')) as Record<string, unknown>;
}

/** The example with `chair` and `adjusters` from the demo persons (default: Johan, Sara as in the example). */
export function testExtract(options: { chair?: DemoId; adjusters?: DemoId[]; signingOrder?: 'parallel' | 'chair-last'; title?: string } = {}): Record<string, unknown> {
  const extract = exampleExtractJson();
  const participants = extract.participants as Record<string, unknown>;
  return {
    ...extract,
    ...(options.title ? { title: options.title } : {}),
    signingOrder: options.signingOrder ?? 'parallel',
    participants: { ...participants, chair: demoPerson(options.chair ?? 'johan'), adjusters: (options.adjusters ?? ['sara']).map(demoPerson) },
  };
}

export function tokenOf(invitationUrl: string): string {
  const token = invitationUrl.split('/invitation/')[1];
  if (!token) throw new Error(`not an invitation URL: ${invitationUrl}`);
  return token;
}
