/**
 * Logging a test person in through the built-in demo OpenID provider over real HTTP, the way a browser
 * does: a cookie jar, redirects followed one by one, the person chosen by submitting the chooser's form.
 */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export interface JarResponse {
  response: Response;
  /** The URL of the final response (after redirects). */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
}

export interface JarFetchInit extends RequestInit {
  /** Follow 3xx responses (default true). */
  followRedirects?: boolean;
}

/** A small cookie jar for one host: honours Path, Max-Age=0 / past Expires (deletion); ignores Domain. */
export class CookieJar {
  private cookies: StoredCookie[] = [];
  /** Raw Set-Cookie headers seen by the last fetch, redirects included (for attribute assertions). */
  lastSetCookies: string[] = [];

  store(setCookieHeaders: string[]): void {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, attrValue = ''] = attribute.split('=');
        const lower = key!.toLowerCase();
        if (lower === 'path') path = attrValue;
        if (lower === 'max-age' && Number(attrValue) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  /** The Cookie header for a URL (longest paths first, as RFC 6265 5.4 orders them). */
  header(url: string | URL): string {
    const { pathname } = new URL(url);
    return this.cookies
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  async fetch(url: string | URL, init: JarFetchInit = {}): Promise<JarResponse> {
    const { followRedirects = true, ...requestInit } = init;
    let current = new URL(url);
    let currentInit: RequestInit = requestInit;
    const redirects: string[] = [];
    this.lastSetCookies = [];
    for (let hop = 0; hop < 20; hop++) {
      const headers = new Headers(currentInit.headers);
      const cookie = this.header(current);
      if (cookie !== '') headers.set('cookie', cookie);
      const response = await fetch(current, { ...currentInit, headers, redirect: 'manual' });
      const setCookies = response.headers.getSetCookie();
      this.lastSetCookies.push(...setCookies);
      this.store(setCookies);
      const location = response.headers.get('location');
      if (!followRedirects || response.status < 300 || response.status >= 400 || location === null) {
        return { response, url: current.href, redirects };
      }
      await response.arrayBuffer();
      current = new URL(location, current);
      redirects.push(current.href);
      // 303 (and, as browsers do, 301/302 after a POST) continue as GET without a body.
      if (response.status !== 307 && response.status !== 308) currentInit = { method: 'GET' };
    }
    throw new Error(`More than 20 redirects starting at ${String(url)}`);
  }
}

/** The chooser form's action (the "Logga in" button's form), from the demo provider's interaction page. */
export function chooserFormAction(html: string, pageUrl: string): string {
  const match = /<form method="post" action="([^"]+)">/.exec(html);
  if (!match) throw new Error(`No login form on the demo provider's page ${pageUrl}`);
  return new URL(match[1]!.replace(/&#38;/g, '&'), pageUrl).href;
}

/**
 * Logs the demo person `personId` (karin, johan, sara, asa, lars) in and follows the redirects back to
 * `returnTo` (a local path; default `/auth/me`). The jar then holds the session cookie.
 * @throws when any step does not go as a browser would see it (no chooser, no landing on returnTo).
 */
export async function demoLogin(baseUrl: string, jar: CookieJar, personId: string, returnTo = '/auth/me'): Promise<JarResponse> {
  const start = await jar.fetch(`${baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
    headers: { accept: 'text/html' },
  });
  const page = await start.response.text();
  if (start.response.status !== 200) {
    throw new Error(`The login did not reach the demo chooser: ${start.response.status} at ${start.url}: ${page.slice(0, 300)}`);
  }
  const done = await jar.fetch(chooserFormAction(page, start.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ person: personId }).toString(),
  });
  const expected = new URL(returnTo, baseUrl).href;
  if (done.url !== expected) {
    const body = await done.response.text();
    throw new Error(`The login of ${personId} ended at ${done.url} (${done.response.status}), not ${expected}: ${body.slice(0, 300)}`);
  }
  return done;
}

/** The CSRF token of the jar's session (GET /auth/me), which a change made with the session must carry. */
export async function sessionCsrfToken(baseUrl: string, jar: CookieJar): Promise<string> {
  const { response } = await jar.fetch(`${baseUrl}/auth/me`);
  if (response.status !== 200) throw new Error(`No live session in the jar: /auth/me answered ${response.status}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** Headers for a JSON write made with the jar's session: application/json and the session's X-CSRF-Token. */
export async function sessionJsonHeaders(baseUrl: string, jar: CookieJar): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', 'x-csrf-token': await sessionCsrfToken(baseUrl, jar) };
}

/** Posts the logout form with these fields (`_csrf` is the session's token), without following the redirect. */
export function postLogout(baseUrl: string, jar: CookieJar, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<JarResponse> {
  return jar.fetch(`${baseUrl}/auth/logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    followRedirects: false,
  });
}
