/**
 * The demo identity provider's HTML: the person chooser and its error page. Plain server-rendered HTML,
 * Swedish (English when the login asks for ui_locales=en), no script; every page carries the DEMO banner so
 * nobody mistakes it for a real e-legitimation.
 */
import { DEMO_PERSONS, demoPersonName, type DemoLanguage } from './demo-persons';

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
    legend: 'Test person',
    personnummer: (number: string) => `personal identity number ${number} (fictitious test number)`,
    login: 'Log in',
    cancel: 'Cancel',
    errorTitle: 'The login failed',
    errorHint: 'Go back to the service and try again.',
  },
} as const;

/** English when the relying party asked for it first in ui_locales (OpenID Connect Core 3.1.2.1), else Swedish. */
export function demoLanguage(uiLocales: unknown): DemoLanguage {
  return typeof uiLocales === 'string' && /^en\b/i.test(uiLocales.trim()) ? 'en' : 'sv';
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
}): string {
  const text = TEXT[options.lang];
  const choices = DEMO_PERSONS.map((person, index) => {
    const id = `person-${person.id}`;
    const details = `${person.description[options.lang]}; ${text.personnummer(formatPersonnummer(person.personnummer))}`;
    return `<div class="choice">
<input type="radio" id="${id}" name="person" value="${escapeHtml(person.id)}" required${index === 0 ? ' checked' : ''} aria-describedby="${id}-details">
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
<form method="post" action="${escapeHtml(options.loginAction)}">
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
