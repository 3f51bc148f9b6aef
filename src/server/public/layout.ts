/**
 * The one page frame of every public page: skip link, header with the main menu and the language switch,
 * <main>, footer. No script and no inline style, so the Content-Security-Policy can forbid both.
 */
import type { Locale } from '../../domain/roles';
import { html, SafeHtml, type HtmlValue } from './html';
import { messages } from './i18n';

export interface PageFrame {
  lang: Locale;
  title: string;
  /** Path and query of this page, for the language switch and aria-current in the menu. */
  path: string;
  query?: Record<string, string | undefined>;
  main: HtmlValue;
  /** Extra <head> links (e.g. the Atom feed). */
  head?: HtmlValue;
}

const NAV: Array<{ href: string; key: 'navBoard' | 'navArchive' | 'navVerify' | 'navAccessibility' }> = [
  { href: '/anslagstavla', key: 'navBoard' },
  { href: '/anslagstavla/arkiv', key: 'navArchive' },
  { href: '/verifiera', key: 'navVerify' },
  { href: '/tillganglighet', key: 'navAccessibility' },
];

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function renderPage(frame: PageFrame): string {
  const t = messages(frame.lang);
  const other: Locale = frame.lang === 'sv' ? 'en' : 'sv';
  const switchHref = withQuery(frame.path, { ...frame.query, lang: other });
  const page: SafeHtml = html`<!DOCTYPE html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} – ${t.siteName}</title>
<link rel="stylesheet" href="/public/public.css">
${frame.head}
</head>
<body>
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site">
<a class="brand" href="/anslagstavla">${t.siteName}</a>
<nav aria-label="${t.navLabel}">
<ul>
${NAV.map((item) => html`<li><a href="${item.href}"${item.href === frame.path ? new SafeHtml(' aria-current="page"') : ''}>${t[item.key]}</a></li>`)}
<li><a href="${switchHref}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${frame.main}
</main>
<footer class="site"><p>${t.footer}</p></footer>
</body>
</html>
`;
  return page.value;
}
