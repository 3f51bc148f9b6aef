/** Tillgänglighetsredogörelse (lag 2018:1937, DIGG's model text): how the public pages meet WCAG 2.1 AA. */
import type { Locale } from '../../domain/roles';
import { html } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';
import { renderPage } from './layout';

export function renderAccessibility(lang: Locale, statementDate: string): string {
  const t = messages(lang);
  const main =
    lang === 'sv'
      ? html`<h1>${t.a11yTitle}</h1>
<p>Den här redogörelsen gäller den digitala anslagstavlan, arkivet och sidan Kontrollera en handling. Vi vill att alla ska kunna använda dem, oavsett behov.</p>
<h2>Hur tillgänglig är webbplatsen?</h2>
<p>Sidorna är byggda för att uppfylla WCAG 2.1 på nivå AA, som lagen (2018:1937) om tillgänglighet till digital offentlig service kräver. De fungerar med tangentbord, skärmläsare och förstoring, på mobil och dator, och de behöver inga skript.</p>
<p>Varje anslag och varje kontrollresultat finns som vanlig text på webbsidan. De signerade PDF-filerna är bilagor: innehållet i dem finns också på sidan för anslaget.</p>
<h2>Kända brister</h2>
<p>Den tekniska rapporten innehåller fackuttryck (till exempel PAdES och certifikatkedja). Svaret i klartext står alltid först.</p>
<h2>Kontakta oss</h2>
<p>Om du inte kan ta del av något innehåll, eller om du upptäcker brister, kontakta kommunens registrator eller nämndsekreteraren för det organ som har fattat beslutet. Du kan få protokollet i annat format.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.</p>
<h2>Hur vi testat webbplatsen</h2>
<p>Sidorna testas automatiskt med axe-core mot WCAG 2.1 A och AA på svenska och engelska, och manuellt med tangentbord. Redogörelsen uppdaterades senast ${statementDate}.</p>`
      : html`<h1>${t.a11yTitle}</h1>
<p>This statement covers the digital noticeboard, the archive and the page Check a document. We want everyone to be able to use them, whatever their needs.</p>
<h2>How accessible is this website?</h2>
<p>The pages are built to meet WCAG 2.1 level AA, as the Swedish Act on accessibility to digital public services (2018:1937) requires. They work with a keyboard, screen readers and zoom, on phones and computers, and need no scripts.</p>
<p>Every notice and every check result is shown as plain text on the web page. The signed PDF files are attachments: their content is also on the notice’s page.</p>
<h2>Known shortcomings</h2>
<p>The technical report uses specialist terms (for example PAdES and certificate chain). The plain-language answer always comes first.</p>
<h2>Contact us</h2>
<p>If you cannot access some content, or you find a shortcoming, contact the municipality’s registry or the secretary of the body that made the decision. You can get the minutes in another format.</p>
<h2>Enforcement</h2>
<p>The Agency for Digital Government (Digg) supervises the Act on accessibility to digital public services. If you are not satisfied with how we handle your feedback, you can report it to Digg.</p>
<h2>How we tested the website</h2>
<p>The pages are tested automatically with axe-core against WCAG 2.1 A and AA in Swedish and English, and manually with a keyboard. This statement was last updated on ${statementDate}.</p>`;
  return renderPage({ lang, title: t.a11yTitle, path: '/tillganglighet', main });
}
