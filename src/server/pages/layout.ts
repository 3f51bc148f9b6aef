/**
 * The frame of the signing and secretary pages: the shared page frame with this side's menu, the demo
 * notice, who is logged in (with a logout button), and the base and page style sheets.
 */
import type { Locale } from '../../domain/roles';
import type { Session } from '../auth/session';
import { csrfInput } from './form-fields';
import { renderFrame } from './shared/frame';
import { html, type HtmlValue } from './shared/html';
import { formMessages } from '../../texts/form-messages';
import { pageMessages } from '../../texts/pages';

export const SITE_CSS_PATH = '/assets/site.css';
export const PAGES_CSS_PATH = '/assets/pages.css';

export interface AppPage {
  lang: Locale;
  title: string;
  path: string;
  query?: Record<string, string | undefined>;
  /** The secretary's menu, or the signer's (who sees only the way to the public check). */
  menu: 'secretary' | 'signer';
  /** Who is logged in: the page shows the name and a logout form (with the session's CSRF token). */
  session?: Session;
  demo: boolean;
  scripts?: string[];
  main: HtmlValue;
}

export function renderAppPage(page: AppPage): string {
  const t = pageMessages(page.lang);
  const nav =
    page.menu === 'secretary'
      ? [
          { href: '/sekreterare', label: t.navExtracts },
          { href: '/sekreterare/nytt', label: t.navNew },
          { href: '/sekreterare/utkorg', label: t.navOutbox },
        ]
      : [{ href: '/verifiera', label: t.navVerify }];
  const banner = html`${page.demo ? html`<p class="notice">${t.demoBanner}</p>` : ''}
${page.session ? html`<div class="session-bar"><span>${t.loggedInAs(page.session.person.name)}</span>
<form method="post" action="/auth/logout">${csrfInput(page.session.csrfToken)}<input type="hidden" name="returnTo" value="${page.path}"><button type="submit" class="secondary">${t.logout}</button></form></div>` : ''}`;
  return renderFrame({
    lang: page.lang,
    title: page.title,
    texts: t,
    brandHref: page.menu === 'secretary' ? '/sekreterare' : page.path,
    nav,
    path: page.path,
    ...(page.query ? { query: page.query } : {}),
    stylesheets: [SITE_CSS_PATH, PAGES_CSS_PATH],
    ...(page.scripts ? { scripts: page.scripts } : {}),
    banner,
    main: page.main,
  });
}

/**
 * An error as a page: what it means for the person (by code) and a reference they can quote; the technical
 * message is in the log under that reference, not on the page.
 */
export function renderErrorPage(ctx: Omit<AppPage, 'title' | 'main' | 'scripts'>, code: string, reference: string): string {
  const t = pageMessages(ctx.lang);
  return renderAppPage({
    ...ctx,
    title: t.errorTitle,
    main: html`<h1>${t.errorTitle}</h1>
<div class="error-message" role="alert"><p><strong>${t.errorTexts[code] ?? t.errorTitle}</strong></p>
<p class="hint">${formMessages(ctx.lang).errorReference(reference)}</p></div>`,
  });
}
