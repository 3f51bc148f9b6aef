/**
 * The one page frame of the service's HTML pages (public side and signing/secretary pages): skip link,
 * header with a menu and the language switch, optional notices, <main>, footer. No inline script or style,
 * so the Content-Security-Policy can forbid both; scripts are external files only.
 */
import type { Locale } from '../../../domain/roles';
import { html, SafeHtml, type HtmlValue } from './html';
import { FAVICON_PATH } from '../favicon';

/** What each side names itself and says in its footer; the frame's own words are below. */
export interface FrameTexts {
  siteName: string;
  footer: HtmlValue;
}

const FRAME_WORDS: Record<Locale, { skipToContent: string; navLabel: string; switchLanguage: string }> = {
  sv: { skipToContent: 'Hoppa till innehållet', navLabel: 'Huvudmeny', switchLanguage: 'In English' },
  en: { skipToContent: 'Skip to content', navLabel: 'Main menu', switchLanguage: 'På svenska' },
};

export interface NavItem {
  href: string;
  label: string;
}

export interface Frame {
  lang: Locale;
  title: string;
  texts: FrameTexts;
  brandHref: string;
  nav: NavItem[];
  /** Path and query of this page, for the language switch and aria-current in the menu. */
  path: string;
  query?: Record<string, string | undefined>;
  stylesheets: string[];
  /** External ES module scripts (same origin). */
  scripts?: string[];
  /** Extra <head> links (e.g. the Atom feed). */
  head?: HtmlValue;
  /** Shown between the header and <main> (e.g. the demo notice, who is logged in). */
  banner?: HtmlValue;
  main: HtmlValue;
}

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function renderFrame(frame: Frame): string {
  const other: Locale = frame.lang === 'sv' ? 'en' : 'sv';
  const switchHref = withQuery(frame.path, { ...frame.query, lang: other });
  const t = { ...FRAME_WORDS[frame.lang], ...frame.texts };
  const page: SafeHtml = html`<!DOCTYPE html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} – ${t.siteName}</title>
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
${frame.stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${(frame.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
${frame.head}
</head>
<body>
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site">
<a class="brand" href="${frame.brandHref}">${t.siteName}</a>
<nav aria-label="${t.navLabel}">
<ul>
${frame.nav.map((item) => html`<li><a href="${item.href}"${item.href === frame.path ? new SafeHtml(' aria-current="page"') : ''}>${item.label}</a></li>`)}
<li><a href="${switchHref}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a></li>
</ul>
</nav>
</header>
${frame.banner}
<main id="main" tabindex="-1">
${frame.main}
</main>
<footer class="site"><p>${t.footer}</p></footer>
</body>
</html>
`;
  return page.value;
}
