/**
 * The persons of the built-in DEMONSTRATION identity provider. FICTITIOUS TEST DATA: the personnummer are
 * Luhn-valid numbers with a birth number in the 98x series and the e-mail addresses use the reserved
 * `.invalid` top-level domain (RFC 2606); no real person is meant.
 */
import type { PersonRole } from '../person';

/** The assurance level the demo reports: LoA3 as the Swedish eID framework (Digg, formerly E-legitimationsnämnden) names it. */
export const DEMO_ACR = 'http://id.elegnamnden.se/loa/1.0/loa3';

export interface DemoPerson {
  id: string;
  givenName: string;
  surname: string;
  /** 12 digits, YYYYMMDDNNNC; fictitious. */
  personnummer: string;
  email: string;
  roles: PersonRole[];
  /** What the chooser shows next to the name (Swedish). */
  description: string;
}

export const DEMO_PERSONS: readonly DemoPerson[] = [
  {
    id: 'karin',
    givenName: 'Karin',
    surname: 'Sekreterare',
    personnummer: '196408239827',
    email: 'karin.sekreterare@demo.justera.invalid',
    roles: ['secretary'],
    description: 'sekreterare (skickar ut protokollsutdrag)',
  },
  {
    id: 'johan',
    givenName: 'Johan',
    surname: 'Nilsson',
    personnummer: '195803129815',
    email: 'johan.nilsson@demo.justera.invalid',
    roles: [],
    description: 'ordförande i exemplet',
  },
  {
    id: 'sara',
    givenName: 'Sara',
    surname: 'Grolander',
    personnummer: '197105179845',
    email: 'sara.grolander@demo.justera.invalid',
    roles: [],
    description: 'justerare i exemplet',
  },
  {
    id: 'asa',
    givenName: 'Åsa',
    surname: 'Öberg',
    personnummer: '198309299868',
    email: 'asa.oberg@demo.justera.invalid',
    roles: [],
    description: 'ledamot (justerare i andra utdrag)',
  },
  {
    id: 'lars',
    givenName: 'Lars',
    surname: 'Andersson',
    personnummer: '196902049839',
    email: 'lars.andersson@demo.justera.invalid',
    roles: [],
    description: 'ledamot (justerare i andra utdrag)',
  },
];

export function demoPersonName(person: DemoPerson): string {
  return `${person.givenName} ${person.surname}`;
}

export function findDemoPerson(id: string): DemoPerson | undefined {
  return DEMO_PERSONS.find((person) => person.id === id);
}
