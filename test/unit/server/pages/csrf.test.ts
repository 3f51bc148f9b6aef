import type { Request, Response } from 'express';
import { CSRF_COOKIE, checkCsrf, csrfToken } from '../../../../src/server/pages/csrf';

const ORIGIN = 'https://justera.example';

function request(headers: Record<string, string>): Request {
  return { headers, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
}

function response(): { res: Response; cookies: { name: string; value: string; options: Record<string, unknown> }[] } {
  const cookies: { name: string; value: string; options: Record<string, unknown> }[] = [];
  const res = { cookie: (name: string, value: string, options: Record<string, unknown>) => cookies.push({ name, value, options }) } as unknown as Response;
  return { res, cookies };
}

describe('double-submit CSRF token', () => {
  test('a new browser gets a random HttpOnly, SameSite=Strict cookie; a known one keeps its token', () => {
    const first = response();
    const token = csrfToken(request({}), first.res, true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.cookies).toEqual([{ name: CSRF_COOKIE, value: token, options: expect.objectContaining({ httpOnly: true, sameSite: 'strict', secure: true }) }]);
    const again = response();
    expect(csrfToken(request({ cookie: `lang=sv; ${CSRF_COOKIE}=${token}` }), again.res, true)).toBe(token);
    expect(again.cookies).toEqual([]);
    expect(csrfToken(request({}), response().res, true)).not.toBe(token);
  });

  test('a post passes only with the cookie and the same value in the form, from our own origin or none', () => {
    const token = csrfToken(request({}), response().res, false);
    const cookie = `${CSRF_COOKIE}=${token}`;
    expect(() => checkCsrf(request({ cookie }), token, ORIGIN)).not.toThrow();
    expect(() => checkCsrf(request({ cookie, origin: ORIGIN }), token, ORIGIN)).not.toThrow();
    const refusals: [Record<string, string>, unknown][] = [
      [{ cookie }, undefined],
      [{ cookie }, `${token.slice(0, -1)}A` === token ? `${token.slice(0, -1)}B` : `${token.slice(0, -1)}A`],
      [{ cookie }, token.slice(1)],
      [{}, token],
      [{ cookie, origin: 'https://evil.example' }, token],
      [{ cookie, origin: 'null' }, token],
    ];
    for (const [headers, submitted] of refusals) {
      expect(() => checkCsrf(request(headers), submitted, ORIGIN)).toThrow(expect.objectContaining({ code: 'ERR_FORBIDDEN' }));
    }
  });
});
