/**
 * The demo identity provider's HTML: the person chooser and its error page. Plain server-rendered Swedish
 * HTML, no script; every page carries the DEMO banner so nobody mistakes it for a real e-legitimation.
 */
import { DEMO_PERSONS, demoPersonName } from './demo-persons';

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

function page(stylesheetHref: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – DEMO – Justera</title>
<link rel="stylesheet" href="${escapeHtml(stylesheetHref)}">
</head>
<body>
<div class="demo-banner" role="note"><strong>DEMO – inte riktig e-legitimation.</strong>
Det här är Justeras inbyggda demonstrationsinloggning med påhittade testpersoner. Den bevisar inte vem du är.</div>
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
  stylesheetHref: string;
  loginAction: string;
  abortAction: string;
  clientName: string;
}): string {
  const choices = DEMO_PERSONS.map((person, index) => {
    const id = `person-${person.id}`;
    return `<div class="choice">
<input type="radio" id="${id}" name="person" value="${escapeHtml(person.id)}" required${index === 0 ? ' checked' : ''} aria-describedby="${id}-details">
<label for="${id}"><strong>${escapeHtml(demoPersonName(person))}</strong>
<span class="details" id="${id}-details">${escapeHtml(person.description)}; personnummer ${formatPersonnummer(person.personnummer)} (påhittat testnummer)</span></label>
</div>`;
  }).join('\n');
  return page(
    options.stylesheetHref,
    'Logga in',
    `<h1>Logga in (demo)</h1>
<p>${escapeHtml(options.clientName)} vill veta vem du är. Välj vilken testperson du vill logga in som.</p>
<form method="post" action="${escapeHtml(options.loginAction)}">
<fieldset>
<legend>Testperson</legend>
${choices}
</fieldset>
<div class="actions">
<button type="submit">Logga in</button>
<button type="submit" class="secondary" formaction="${escapeHtml(options.abortAction)}" formnovalidate>Avbryt</button>
</div>
</form>`,
  );
}

export function renderDemoError(stylesheetHref: string, message: string): string {
  return page(
    stylesheetHref,
    'Inloggningen misslyckades',
    `<h1>Inloggningen misslyckades</h1>
<p>${escapeHtml(message)}</p>
<p>Gå tillbaka till tjänsten och försök igen.</p>`,
  );
}
