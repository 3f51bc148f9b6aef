/**
 * The start page at `/`: what Justera is and its three doors (anslagstavla, Kontrollera en handling, the
 * secretary's pages); with the demo login provider, how to try it: whom to log in as and where the
 * invitation mails are (the outbox, when mail is not sent by SMTP).
 */
import type { Locale } from '../../domain/roles';
import { DEMO_PERSONS } from '../auth/index';
import { html, type SafeHtml } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';
import { renderPage } from './layout';

export interface StartPageSetup {
  /** The built-in demonstration login provider is in use. */
  demoLogin: boolean;
  /** Mails stay in the outbox (MAIL_TRANSPORT=outbox) instead of going out by SMTP. */
  mailOutbox: boolean;
  /** The example extract is loaded on an empty database (LOAD_EXAMPLE). */
  loadsExample: boolean;
}

export const SECRETARY_HOME = '/sekreterare';
export const OUTBOX_PAGE = '/sekreterare/utkorg';

function demoSection(lang: Locale, setup: StartPageSetup): SafeHtml {
  const t = messages(lang);
  return html`<section aria-labelledby="demo-heading">
<h2 id="demo-heading">${t.demoTitle}</h2>
<p>${t.demoLoginIntro}</p>
<ul>${DEMO_PERSONS.map((person) => html`<li><strong>${person.givenName} ${person.surname}</strong>: ${person.description[lang]}</li>`)}</ul>
<ol>${t.demoSteps(setup.loadsExample).map((step) => html`<li>${step}</li>`)}</ol>
<p>${setup.mailOutbox ? html`<a href="${OUTBOX_PAGE}">${t.demoOutbox}</a> (${OUTBOX_PAGE})` : t.demoOutboxElsewhere}</p>
</section>`;
}

export function renderStartPage(lang: Locale, setup: StartPageSetup): string {
  const t = messages(lang);
  const doors = [
    { href: '/anslagstavla', title: t.doorBoard, text: t.doorBoardText },
    { href: '/verifiera', title: t.doorVerify, text: t.doorVerifyText },
    { href: SECRETARY_HOME, title: t.doorSecretary, text: t.doorSecretaryText },
  ];
  return renderPage({
    lang,
    title: t.startTitle,
    path: '/',
    main: html`<h1>${t.startTitle}</h1>
<p>${t.startIntro}</p>
<section aria-labelledby="doors-heading">
<h2 id="doors-heading">${t.doorsLabel}</h2>
<ul class="doors">${doors.map((door) => html`<li><div class="card"><h3><a href="${door.href}">${door.title}</a></h3><p>${door.text}</p></div></li>`)}</ul>
</section>
${setup.demoLogin ? demoSection(lang, setup) : ''}`,
  });
}
