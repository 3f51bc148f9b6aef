/**
 * The fixed texts of an anslag in Swedish and English: what the notice announces and how to appeal
 * (laglighetsprövning, KL 13 kap.). Shared by the HTML pages, the Atom feed and the anslag's own PDF.
 */
import type { Locale } from '../domain/roles';

export interface AppealInstructions {
  heading: string;
  paragraphs: string[];
}

/** How a member of the municipality appeals (KL 13 kap. 1, 5 och 8 §§), with the last day spelled out. */
export function appealInstructions(locale: Locale, lastDay: string): AppealInstructions {
  if (locale === 'en') {
    return {
      heading: 'How to appeal',
      paragraphs: [
        'Every member of the municipality may have the lawfulness of the decision reviewed by appealing it to the administrative court (förvaltningsrätten), a laglighetsprövning under chapter 13 of the Local Government Act (kommunallagen, 2017:725).',
        `The appeal must reach the administrative court within three weeks of the day this notice was posted on the noticeboard, that is no later than ${lastDay}.`,
        'State which decision you appeal (body, meeting date and paragraph), why you consider it unlawful and how it should be changed. A decision can be set aside only if it was not made in a lawful way, concerns something that is not the municipality’s affair, exceeds the body’s powers or is otherwise contrary to law.',
      ],
    };
  }
  return {
    heading: 'Så överklagar du',
    paragraphs: [
      'Alla medlemmar i kommunen kan överklaga beslutet hos förvaltningsrätten genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725).',
      `Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då detta anslag sattes upp på anslagstavlan, det vill säga senast ${lastDay}.`,
      'Skriv vilket beslut du överklagar (organ, sammanträdesdatum och paragraf), varför du anser att beslutet är olagligt och hur det ska ändras. Ett beslut kan upphävas bara om det inte har kommit till på lagligt sätt, inte hör till kommunens angelägenheter, går utöver organets befogenheter eller annars strider mot lag.',
    ],
  };
}

/** The sentence that says what the anslag announces (KL 8 kap. 12 §). */
export function anslagAnnouncement(locale: Locale, input: { body: string; meetingDate: string; paragraphs: string; immediate: boolean }): string {
  const paragraphs = `§ ${input.paragraphs}`;
  if (locale === 'en') {
    return input.immediate
      ? `The minutes of ${input.body}, meeting of ${input.meetingDate}, ${paragraphs}, were approved immediately at the meeting (omedelbar justering).`
      : `The minutes of ${input.body}, meeting of ${input.meetingDate}, ${paragraphs}, have been approved and signed (justerat).`;
  }
  return input.immediate
    ? `Protokollet från ${input.body}, sammanträdet den ${input.meetingDate}, ${paragraphs}, är omedelbart justerat.`
    : `Protokollet från ${input.body}, sammanträdet den ${input.meetingDate}, ${paragraphs}, är justerat.`;
}
