/**
 * The demo identity provider's HTML: the person chooser and its error page. Plain server-rendered HTML,
 * Swedish (English when the login asks for ui_locales=en), no script; every page carries the DEMO banner so
 * nobody mistakes it for a real e-legitimation.
 */
import { DEMO_PERSONS, demoPersonName, type DemoLanguage } from './demo-persons';
import { FAVICON_PATH } from '../../pages/favicon';

export const DEMO_STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: #fff; color: #1b1b1b; }
.demo-banner { background: #ffd400; color: #000; padding: .75rem 1rem; border-bottom: 3px solid #000; font-size: 1.05rem; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
fieldset { border: 1px solid #555; padding: .5rem 1rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.choice { display: flex; gap: .6rem; align-items: flex-start; padding: .4rem 0; }
.choice input { width: 1.4rem; height: 1.4rem; margin-top: .15rem; flex: none; }
.choice .details { display: block; color: #3d3d3d; font-size: .95rem; }
button { font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 2px solid #0b3d91; border-radius: .3rem;
  background: #0b3d91; color: #fff; cursor: pointer; min-height: 2.75rem; }
button.secondary { background: #fff; color: #0b3d91; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.invited { border-left: 6px solid #0b3d91; background: #eef3fb; padding: .5rem .75rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
`;

/** Under the provider's mount path. */
export const DEMO_STYLESHEET_PATH = '/assets/demo.css';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TEXT = {
  sv: {
    banner: '<strong>DEMO – inte riktig e-legitimation.</strong> Det här är Justeras inbyggda demonstrationsinloggning med påhittade testpersoner. Den bevisar inte vem du är.',
    loginTitle: 'Logga in',
    heading: 'Logga in (demo)',
    intro: (client: string) => `${client} vill veta vem du är. Välj vilken testperson du vill logga in som.`,
    invitedFor: (name: string) => `Länken du öppnade är en inbjudan till ${name}. Välj ${name} för att justera; en annan testperson nekas.`,
    legend: 'Testperson',
    personnummer: (number: string) => `personnummer ${number} (påhittat testnummer)`,
    login: 'Logga in',
    cancel: 'Avbryt',
    errorTitle: 'Inloggningen misslyckades',
    errorHint: 'Gå tillbaka till tjänsten och försök igen.',
  },
  en: {
    banner: '<strong>DEMO – not a real e-ID.</strong> This is Justera’s built-in demonstration login with fictitious test persons. It does not prove who you are.',
    loginTitle: 'Log in',
    heading: 'Log in (demo)',
    intro: (client: string) => `${client} wants to know who you are. Choose the test person you want to log in as.`,
    invitedFor: (name: string) => `The link you opened is an invitation for ${name}. Choose ${name} to approve it; another test person is refused.`,
    legend: 'Test person',
    personnummer: (number: string) => `personal identity number ${number} (fictitious test number)`,
    login: 'Log in',
    cancel: 'Cancel',
    errorTitle: 'The login failed',
    errorHint: 'Go back to the service and try again.',
  },
} as const;

/**
 * The page's language: what the relying party asked for first in ui_locales (OpenID Connect Core 3.1.2.1),
 * else the language the person chose on the service's pages (its `lang` cookie: the provider is served on
 * the same origin), else Swedish.
 */
export function demoLanguage(uiLocales: unknown, cookieHeader?: string): DemoLanguage {
  if (typeof uiLocales === 'string' && uiLocales.trim() !== '') return /^en\b/i.test(uiLocales.trim()) ? 'en' : 'sv';
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookieHeader ?? '') ? 'en' : 'sv';
}

/**
 * Who the invitation link that started this login was for: the signing pages set this cookie (demo mode
 * only) before they send the person to log in, so the chooser can say whom to pick. A display hint, never
 * trusted: the service matches the login with the invitation itself.
 */
export const DEMO_INVITED_COOKIE = 'justera_demo_invited';
export const DEMO_INVITED_MAX_CHARS = 200;

export function demoInvitedName(cookieHeader: string | undefined): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${DEMO_INVITED_COOKIE}=([^;]*)`).exec(cookieHeader ?? '');
  if (!match) return undefined;
  try {
    const name = decodeURIComponent(match[1]!).trim().slice(0, DEMO_INVITED_MAX_CHARS);
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

function page(lang: DemoLanguage, stylesheetHref: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – DEMO – Justera</title>
<link rel="stylesheet" href="${escapeHtml(stylesheetHref)}">
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
</head>
<body>
<div class="demo-banner" role="note">${TEXT[lang].banner}</div>
<main>
${body}
</main>
</body>
</html>`;
}

function formatPersonnummer(twelveDigits: string): string {
  return `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}`;
}

/** The chooser: one radio button per test person, then "Logga in" and "Avbryt". */
export function renderChooser(options: {
  lang: DemoLanguage;
  stylesheetHref: string;
  loginAction: string;
  abortAction: string;
  clientName: string;
  /** The invited person's name, when the login started from an invitation link. */
  invitedName?: string;
}): string {
  const text = TEXT[options.lang];
  // Nobody is preselected: choosing the person is the point of this page.
  const choices = DEMO_PERSONS.map((person) => {
    const id = `person-${person.id}`;
    const details = `${person.description[options.lang]}; ${text.personnummer(formatPersonnummer(person.personnummer))}`;
    return `<div class="choice">
<input type="radio" id="${id}" name="person" value="${escapeHtml(person.id)}" required aria-describedby="${id}-details">
<label for="${id}"><strong>${escapeHtml(demoPersonName(person))}</strong>
<span class="details" id="${id}-details">${escapeHtml(details)}</span></label>
</div>`;
  }).join('\n');
  return page(
    options.lang,
    options.stylesheetHref,
    text.loginTitle,
    `<h1>${text.heading}</h1>
<p>${escapeHtml(text.intro(options.clientName))}</p>
${options.invitedName ? `<p class="invited" role="note">${escapeHtml(text.invitedFor(options.invitedName))}</p>\n` : ''}<form method="post" action="${escapeHtml(options.loginAction)}">
<fieldset>
<legend>${text.legend}</legend>
${choices}
</fieldset>
<div class="actions">
<button type="submit">${text.login}</button>
<button type="submit" class="secondary" formaction="${escapeHtml(options.abortAction)}" formnovalidate>${text.cancel}</button>
</div>
</form>`,
  );
}

export function renderDemoError(lang: DemoLanguage, stylesheetHref: string, message: string): string {
  const text = TEXT[lang];
  return page(
    lang,
    stylesheetHref,
    text.errorTitle,
    `<h1>${text.errorTitle}</h1>
<p>${escapeHtml(message)}</p>
<p>${text.errorHint}</p>`,
  );
}
