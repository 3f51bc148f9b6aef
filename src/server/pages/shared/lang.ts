/**
 * Swedish first, English on request, for every page of the service: the language comes from ?lang=sv|en
 * (remembered in a cookie) or the cookie alone, never from guessing.
 */
import type { Request, Response } from 'express';
import type { Locale } from '../../../domain/roles';

export const LANG_COOKIE = 'lang';
/** App setting (true when the service's public URL is https): cookies the pages set are then Secure. */
export const SECURE_COOKIES_SETTING = 'justera secure cookies';

function cookieLang(header: string | undefined): Locale | undefined {
  const match = /(?:^|;\s*)lang=(sv|en)(?:;|$)/.exec(header ?? '');
  return match ? (match[1] as Locale) : undefined;
}

/** The page language; a ?lang= choice is remembered for a year. */
export function chooseLang(req: Request, res: Response): Locale {
  const asked = req.query.lang;
  if (asked === 'sv' || asked === 'en') {
    const secure = req.secure || req.app.get(SECURE_COOKIES_SETTING) === true;
    res.cookie(LANG_COOKIE, asked, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true, path: '/', secure });
    return asked;
  }
  return cookieLang(req.headers.cookie) ?? 'sv';
}
