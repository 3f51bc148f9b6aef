/**
 * The texts of the secretary's extract form (the parts beyond i18n.ts's basics), of its problems, and of the
 * refusals a person meets on the pages, in Swedish and English. A problem is said with the field's label
 * and what to write; the API's English sentence never reaches the page.
 */
import type { ExtractIssue, StatementKind } from '../domain/extract';
import type { Locale } from '../domain/roles';

const sv = {
  fieldDeadline: 'Sista dag för justering',
  deadlineHint: 'Skriv ÅÅÅÅ-MM-DD. Lämnas fältet tomt blir det 14 dagar efter sammanträdet.',
  fieldImmediate: 'Omedelbar justering',
  immediateLabel: 'Paragrafen justerades omedelbart vid sammanträdet (den får ett eget anslag)',
  fieldLocale: 'Utdragets språk',
  localeSv: 'Svenska',
  localeEn: 'Engelska',
  legendStatements: 'Yttranden (reservationer, ersättaryttranden, särskilda uttalanden, protokollsanteckningar)',
  statementsHint: 'Lämna raden tom om det inte finns något yttrande.',
  statementLegend: (n: number) => `Yttrande ${n}`,
  fieldStatementKind: 'Slag av yttrande',
  chooseKind: 'Välj slag',
  statementKinds: {
    reservation: 'Reservation',
    ersattaryttrande: 'Ersättaryttrande',
    'sarskilt-uttalande': 'Särskilt uttalande',
    protokollsanteckning: 'Protokollsanteckning',
  } satisfies Record<StatementKind, string>,
  fieldAuthor: 'Vem yttrade sig (namn)',
  fieldParty: 'Parti',
  partyHint: 'Förkortning, till exempel KD.',
  fieldIntro: 'Inledande mening',
  introHint: 'Till exempel ”Lolita Lovén Johnsen (KD) anmälde ett ersättaryttrande.” Lämnas den tom skrivs den av namn, parti och slag.',
  fieldStatementText: 'Yttrandets text',
  legendSections: 'Övriga avsnitt med egen rubrik',
  sectionLegend: (n: number) => `Avsnitt ${n}`,
  fieldHeading: 'Rubrik',
  fieldSectionText: 'Text',
  legendDocuments: 'Handlingar i ärendet',
  documentLegend: (n: number) => `Handling ${n}`,
  fieldDocumentId: 'Beteckning',
  documentIdHint: 'Diarienummer med löpnummer, till exempel HÄ 2023/418-2.',
  fieldDocumentTitle: 'Handlingens titel',
  moreRows: { statement: 'Lägg till ett yttrande', section: 'Lägg till ett avsnitt', document: 'Lägg till en handling' },
  moreRowsHint: 'Lägger till en tom rad; inget sparas förrän du skapar eller sparar utdraget.',
  editLink: 'Redigera utdraget',
  editTitle: 'Redigera protokollsutdraget',
  editIntro: 'När du sparar blir det en ny version av utdraget: PDF-filen byggs om och undertecknarna får nya länkar när du skickar det.',
  editProtocolNote: (pages: string | undefined) =>
    `Utdraget är gjort av ett uppladdat protokoll: dess text är protokollets PDF-fil, som behålls${pages ? ` med samma sidor (${pages})` : ''}. Här ändrar du uppgifterna om sammanträdet, handlingarna och undertecknarna.`,
  saveEdit: 'Spara ny version',
  problem: (issue: Pick<ExtractIssue, 'problem' | 'limit' | 'subject'>): string => {
    switch (issue.problem) {
      case 'required': return 'Fältet måste fyllas i.';
      case 'too-long': return `Texten är för lång: högst ${issue.limit ?? ''} tecken.`;
      case 'too-many': return `För många: högst ${issue.limit ?? ''}.`;
      case 'date': return 'Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14.';
      case 'deadline-before-meeting': return 'Sista dag för justering kan inte vara före sammanträdesdatum. Ange ett senare datum som ÅÅÅÅ-MM-DD, eller lämna fältet tomt.';
      case 'personnummer': return 'Ange personnummer eller samordningsnummer som ÅÅÅÅMMDD-NNNN (12 siffror med rätt kontrollsiffra).';
      case 'email': return 'Ange en e-postadress, till exempel fornamn.efternamn@kommun.se.';
      case 'paragraph': return 'Ange paragrafnummer med siffror, till exempel 12 eller 12a. Skilj flera med kommatecken.';
      case 'duplicate': return `${issue.subject ?? ''} står två gånger. Ta bort den ena.`;
      case 'same-as-chair': return `${issue.subject ?? ''} är redan ordförande. En justerare måste vara en annan person.`;
      case 'same-as-adjuster': return `${issue.subject ?? ''} är redan justerare. Ange en annan person.`;
      case 'no-contact': return `Ange personnummer eller e-post för ${issue.subject ?? ''}. Utan något av dem kan inbjudan inte nå rätt person.`;
      case 'characters': return 'Texten innehåller ett osynligt styrtecken (ofta från kopierad text). Skriv in texten igen eller klistra in den som oformaterad text.';
      case 'choice': return 'Välj ett av alternativen.';
      case 'not-a-field': return `Filen har fältet ”${issue.subject ?? ''}”, som ett utdrag inte har. Kontrollera stavningen.`;
      case 'wrong-type': return 'Värdet har fel form (till exempel text där en lista ska stå).';
    }
  },
  duplicateHeading: 'Det finns redan ett utdrag för samma paragraf',
  duplicateText: 'Samma organ, sammanträdesdatum och paragraf finns redan i följande utdrag. Kontrollera att du inte skapar samma utdrag två gånger.',
  duplicateConfirm: 'Jag vill skapa utdraget ändå',
  duplicateConfirmHint: 'Kryssa i rutan och skapa utdraget igen om det ska finnas två utdrag.',
  forbiddenTitle: 'Sidan är bara för sekreterare',
  forbiddenText: (name: string) => `Du är inloggad som ${name}, som inte har rollen sekreterare. Sekreterarens sidor (protokollsutdrag, nytt utdrag, utkorg) kräver rollen sekreterare eller administratör.`,
  forbiddenHow: 'Be den som administrerar Justera i din organisation om rollen sekreterare, eller logga ut och logga in som en annan användare.',
  forbiddenDemo: 'I demonstrationen: logga ut och välj Karin Sekreterare.',
  forbiddenSignerHint: 'Är du inbjuden att justera ett utdrag? Använd länken i e-postmeddelandet.',
  logoutAndSwitch: 'Logga ut och logga in som en annan användare',
  commentRequired: 'Skriv vad som behöver rättas. Kommentaren går till sekreteraren.',
  commentTooLong: (max: number) => `Kommentaren är för lång: högst ${max} tecken.`,
  confirmRequired: 'Kryssa i rutan när du har läst utdraget och det stämmer.',
  errorReference: (ref: string) => `Felkod för support: ${ref}. Uppge den om du kontaktar den som ansvarar för Justera.`,
};

export type FormMessages = typeof sv;

const en: FormMessages = {
  fieldDeadline: 'Last day of approval',
  deadlineHint: 'Write YYYY-MM-DD. Left empty, it is 14 days after the meeting.',
  fieldImmediate: 'Immediate approval',
  immediateLabel: 'The paragraph was approved at the meeting itself (it gets its own notice)',
  fieldLocale: 'Language of the extract',
  localeSv: 'Swedish',
  localeEn: 'English',
  legendStatements: 'Statements (reservations, deputies’ statements, special statements, notes to the minutes)',
  statementsHint: 'Leave the row empty if there is no statement.',
  statementLegend: (n: number) => `Statement ${n}`,
  fieldStatementKind: 'Kind of statement',
  chooseKind: 'Choose the kind',
  statementKinds: {
    reservation: 'Reservation',
    ersattaryttrande: 'Deputy’s statement',
    'sarskilt-uttalande': 'Special statement',
    protokollsanteckning: 'Note to the minutes',
  },
  fieldAuthor: 'Who made it (name)',
  fieldParty: 'Party',
  partyHint: 'Abbreviation, for example KD.',
  fieldIntro: 'Introducing sentence',
  introHint: 'For example “Lolita Lovén Johnsen (KD) anmälde ett ersättaryttrande.” Left empty, it is written from the name, party and kind.',
  fieldStatementText: 'Text of the statement',
  legendSections: 'Further sections with their own heading',
  sectionLegend: (n: number) => `Section ${n}`,
  fieldHeading: 'Heading',
  fieldSectionText: 'Text',
  legendDocuments: 'Documents of the case',
  documentLegend: (n: number) => `Document ${n}`,
  fieldDocumentId: 'Reference',
  documentIdHint: 'Case number with its running number, for example HÄ 2023/418-2.',
  fieldDocumentTitle: 'Title of the document',
  moreRows: { statement: 'Add a statement', section: 'Add a section', document: 'Add a document' },
  moreRowsHint: 'Adds an empty row; nothing is saved until you create or save the extract.',
  editLink: 'Edit the extract',
  editTitle: 'Edit the protocol extract',
  editIntro: 'Saving makes a new version of the extract: the PDF is built again and the signers get new links when you send it.',
  editProtocolNote: (pages: string | undefined) =>
    `The extract is made from an uploaded protocol: its text is the protocol’s PDF file, which is kept${pages ? ` with the same pages (${pages})` : ''}. Here you change the details of the meeting, the documents and the signers.`,
  saveEdit: 'Save new version',
  problem: (issue) => {
    switch (issue.problem) {
      case 'required': return 'This field must be filled in.';
      case 'too-long': return `The text is too long: at most ${issue.limit ?? ''} characters.`;
      case 'too-many': return `Too many: at most ${issue.limit ?? ''}.`;
      case 'date': return 'Write the date as YYYY-MM-DD, for example 2026-03-14.';
      case 'deadline-before-meeting': return 'The last day of approval cannot be before the meeting. Write a later date as YYYY-MM-DD, or leave the field empty.';
      case 'personnummer': return 'Write a personnummer or samordningsnummer as YYYYMMDD-NNNN (12 digits with the right check digit).';
      case 'email': return 'Write an e-mail address, for example first.last@municipality.se.';
      case 'paragraph': return 'Write paragraph numbers in digits, for example 12 or 12a. Separate several with commas.';
      case 'duplicate': return `${issue.subject ?? ''} is there twice. Remove one of them.`;
      case 'same-as-chair': return `${issue.subject ?? ''} is already the chair. An adjuster must be another person.`;
      case 'same-as-adjuster': return `${issue.subject ?? ''} is already an adjuster. Name another person.`;
      case 'no-contact': return `Give a personnummer or an e-mail address for ${issue.subject ?? ''}. Without one of them the invitation cannot reach the right person.`;
      case 'characters': return 'The text holds an invisible control character (often from copied text). Type the text again or paste it as plain text.';
      case 'choice': return 'Choose one of the options.';
      case 'not-a-field': return `The file has the field “${issue.subject ?? ''}”, which an extract does not have. Check the spelling.`;
      case 'wrong-type': return 'The value has the wrong form (for example text where a list belongs).';
    }
  },
  duplicateHeading: 'There already is an extract for the same paragraph',
  duplicateText: 'The same body, meeting date and paragraph are already in the extracts below. Check that you are not making the same extract twice.',
  duplicateConfirm: 'I want to create the extract anyway',
  duplicateConfirmHint: 'Tick the box and create the extract again if there should be two extracts.',
  forbiddenTitle: 'This page is for secretaries only',
  forbiddenText: (name: string) => `You are logged in as ${name}, who does not have the secretary role. The secretary’s pages (extracts, new extract, outbox) need the role secretary or administrator.`,
  forbiddenHow: 'Ask whoever administers Justera in your organisation for the secretary role, or log out and log in as another user.',
  forbiddenDemo: 'In the demonstration: log out and choose Karin Sekreterare.',
  forbiddenSignerHint: 'Have you been invited to approve an extract? Use the link in the e-mail.',
  logoutAndSwitch: 'Log out and log in as another user',
  commentRequired: 'Write what needs to be corrected. The comment goes to the secretary.',
  commentTooLong: (max: number) => `The comment is too long: at most ${max} characters.`,
  confirmRequired: 'Tick the box once you have read the extract and it is correct.',
  errorReference: (ref: string) => `Error reference for support: ${ref}. Quote it if you contact whoever runs Justera.`,
};

export function formMessages(lang: Locale): FormMessages {
  return lang === 'en' ? en : sv;
}
