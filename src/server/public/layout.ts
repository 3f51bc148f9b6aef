/**
 * The public pages' frame: the shared page frame (src/server/pages/shared/frame.ts) with the public menu
 * and style sheet. No inline script or style, so the public CSP can forbid both; /verifiera alone has a
 * script, a same-origin file (router.ts allows it there).
 */
import type { Locale } from '../../domain/roles';
import { renderFrame } from '../pages/shared/frame';
import { html, type HtmlValue } from '../pages/shared/html';
import { messages } from '../../texts/public-pages';

export interface PageFrame {
  lang: Locale;
  title: string;
  /** Path and query of this page, for the language switch and aria-current in the menu. */
  path: string;
  query?: Record<string, string | undefined>;
  main: HtmlValue;
  /** Extra <head> links (e.g. the Atom feed). */
  head?: HtmlValue;
  /** Same-origin ES module scripts. */
  scripts?: string[];
}

const NAV: Array<{ href: string; key: 'navBoard' | 'navArchive' | 'navVerify' | 'navAccessibility' }> = [
  { href: '/anslagstavla', key: 'navBoard' },
  { href: '/anslagstavla/arkiv', key: 'navArchive' },
  { href: '/verifiera', key: 'navVerify' },
  { href: '/tillganglighet', key: 'navAccessibility' },
];

export function renderPage(frame: PageFrame): string {
  const t = messages(frame.lang);
  return renderFrame({
    ...frame,
    texts: t,
    brandHref: '/anslagstavla',
    nav: NAV.map((item) => ({ href: item.href, label: t[item.key] })),
    stylesheets: ['/public/public.css'],
  });
}

/** What makes a deployment a demonstration: keys-example (src/pki/demonstration-keys.ts) or the demo login provider. */
export interface Demonstration {
  keys: boolean;
  login: boolean;
}

/**
 * A page of a demonstration setup with the DEMO banner above <main>. Applied where the router sends a page,
 * so that no public page (error pages included) can be shown without it.
 */
export function markDemonstration(page: string, lang: Locale, demo: Demonstration): string {
  if (!demo.keys && !demo.login) return page;
  const banner = html`<p class="demo-banner"><strong>${messages(lang).demoBanner(demo.keys, demo.login)}</strong></p>`;
  return page.replace('<main id="main"', `${banner.value}\n<main id="main"`);
}
