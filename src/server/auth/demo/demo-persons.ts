/**
 * The persons of the built-in DEMONSTRATION identity provider. FICTITIOUS TEST DATA: Luhn-valid personnummer
 * and e-mail addresses in the reserved example.org domain (RFC 2606); no real person is meant. Johan Nilsson
 * and Sara Grolander are the signers of examples/extract-ha-2023-418-p12.json, with the same personnummer
 * and e-mail, so that the quick start's invitations match their demo logins.
 */
import type { PersonRole } from '../person';

/** The assurance level the demo reports: LoA3 as the Swedish eID framework (Digg, formerly E-legitimationsnämnden) names it. */
export const DEMO_ACR = 'http://id.elegnamnden.se/loa/1.0/loa3';

export type DemoLanguage = 'sv' | 'en';

export interface DemoPerson {
  id: string;
  givenName: string;
  surname: string;
  /** 12 digits, YYYYMMDDNNNC; fictitious. */
  personnummer: string;
  email: string;
  roles: PersonRole[];
  /** What the chooser shows next to the name. */
  description: Record<DemoLanguage, string>;
}

export const DEMO_PERSONS: readonly DemoPerson[] = [
  {
    id: 'karin',
    givenName: 'Karin',
    surname: 'Sekreterare',
    personnummer: '196408239827',
    email: 'karin.sekreterare@example.org',
    roles: ['secretary'],
    description: { sv: 'sekreterare (skickar ut protokollsutdrag)', en: 'secretary (sends out protocol extracts)' },
  },
  {
    id: 'johan',
    givenName: 'Johan',
    surname: 'Nilsson',
    personnummer: '196504127793',
    email: 'johan.nilsson@example.org',
    roles: [],
    description: { sv: 'ordförande i exemplet', en: 'chair in the example' },
  },
  {
    id: 'sara',
    givenName: 'Sara',
    surname: 'Grolander',
    personnummer: '198211054427',
    email: 'sara.grolander@example.org',
    roles: [],
    description: { sv: 'justerare i exemplet', en: 'adjuster in the example' },
  },
  {
    id: 'asa',
    givenName: 'Åsa',
    surname: 'Öberg',
    personnummer: '198309299868',
    email: 'asa.oberg@example.org',
    roles: [],
    description: { sv: 'ledamot (justerare i andra utdrag)', en: 'member (adjuster of other extracts)' },
  },
  {
    id: 'lars',
    givenName: 'Lars',
    surname: 'Andersson',
    personnummer: '196902049839',
    email: 'lars.andersson@example.org',
    roles: [],
    description: { sv: 'ledamot (justerare i andra utdrag)', en: 'member (adjuster of other extracts)' },
  },
];

export function demoPersonName(person: DemoPerson): string {
  return `${person.givenName} ${person.surname}`;
}

export function findDemoPerson(id: string): DemoPerson | undefined {
  return DEMO_PERSONS.find((person) => person.id === id);
}
