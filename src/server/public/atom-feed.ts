/** The anslag as an Atom feed (RFC 4287) for other sites: newest first, each entry linking to its page. */
import type { AnslagRecord } from '../../use-cases/records';
import { anslagAnnouncement } from '../../texts/anslag';
import { escapeHtml } from '../pages/shared/html';

function entryUpdated(anslag: AnslagRecord): string {
  return anslag.takenDownAt ?? anslag.publishedAt ?? `${anslag.postedOn}T00:00:00Z`;
}

/** The enclosure is the signed PDF, or the sealed notice where the signed PDF is not published (public-side.ts). */
export function renderAtomFeed(items: AnslagRecord[], publicBaseUrl: string, now: Date, publishesSignedPdf = true): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const updated = items.length > 0 ? items.map(entryUpdated).sort().reverse()[0] : now.toISOString();
  const entries = items.map((anslag) => {
    const url = `${base}/anslag/${anslag.id}`;
    const summary = `${anslagAnnouncement('sv', { body: anslag.body, meetingDate: anslag.meetingDate, paragraphs: anslag.paragraphs, immediate: anslag.kind === 'omedelbar' })} Justerat ${anslag.justeradOn}. Anslaget uppsatt ${anslag.postedOn}, sista dag att överklaga ${anslag.appealEndsOn}, tas ned ${anslag.takedownOn}. Förvaringsplats: ${anslag.storageLocation}.`;
    return `<entry>
<id>${escapeHtml(url)}</id>
<title>${escapeHtml(`${anslag.body}, § ${anslag.paragraphs}: ${anslag.title}`)}</title>
<updated>${escapeHtml(entryUpdated(anslag))}</updated>
<published>${escapeHtml(anslag.publishedAt ?? `${anslag.postedOn}T00:00:00Z`)}</published>
<link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>
<link rel="enclosure" type="application/pdf" href="${escapeHtml(publishesSignedPdf ? `${url}.pdf` : `${url}/anslag.pdf`)}"/>
<author><name>${escapeHtml(anslag.body)}</name></author>
<summary xml:lang="sv">${escapeHtml(summary)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<id>${escapeHtml(`${base}/anslagstavla.atom`)}</id>
<title>Digital anslagstavla</title>
<updated>${escapeHtml(updated)}</updated>
<link rel="self" type="application/atom+xml" href="${escapeHtml(`${base}/anslagstavla.atom`)}"/>
<link rel="alternate" type="text/html" href="${escapeHtml(`${base}/anslagstavla`)}"/>
${entries.join('\n')}
</feed>
`;
}
