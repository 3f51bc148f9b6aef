/**
 * Text the databases cannot store is refused where it enters, with 400 and the field's name: U+0000
 * (PostgreSQL's text types cannot hold it and fail the query; SQLite would cut or keep it unseen) and lone
 * UTF-16 surrogates (no UTF-8 form: both drivers would silently store U+FFFD instead). One check serves the
 * URL path, the query, parsed JSON and urlencoded bodies (`refuseUnstorableInput`) and the HTML forms
 * (`assertStorable`, from pages/form-body.ts).
 */
import type { RequestHandler } from 'express';
import { InputError } from '../errors';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describe(character: string): string {
  return character === '\u0000' ? 'a NUL character (U+0000)' : `a lone UTF-16 surrogate (U+${character.charCodeAt(0).toString(16).toUpperCase()})`;
}

function refusal(field: string, character: string): InputError {
  return new InputError(`${field} contains ${describe(character)}, which cannot be stored; remove it and send again`, { field });
}

/**
 * The dotted path (as the extract's own field errors name them) of the first string, or object key,
 * in `value` that cannot be stored, with the offending character.
 */
function findUnstorable(value: unknown, path: string[]): { field: string; character: string } | undefined {
  const at = (segments: string[]) => (segments.length === 0 ? 'body' : segments.join('.'));
  if (typeof value === 'string') {
    const match = UNSTORABLE.exec(value);
    return match ? { field: at(path), character: match[0] } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const inKey = UNSTORABLE.exec(key);
    if (inKey) return { field: at(path), character: inKey[0] };
    const found = findUnstorable(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Throws InputError naming the field when a string in `value` (form fields, a parsed body) cannot be stored. */
export function assertStorable(value: unknown): void {
  const found = findUnstorable(value, []);
  if (found) throw refusal(found.field, found.character);
}

/** The URL path decoded segment by segment, as the routers will decode their parameters. */
function checkPath(path: string): void {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch (cause) {
      throw new InputError('the URL path is not valid percent-encoded UTF-8', { field: 'path', cause });
    }
    const match = UNSTORABLE.exec(decoded);
    if (match) throw refusal('path', match[0]);
  }
}

/**
 * Checks the path, the query and, once a body parser has run, the parsed body. Mounted first in the app
 * (path and query, before any router reads them) and again after each JSON or urlencoded parser.
 */
export const refuseUnstorableInput: RequestHandler = (req, _res, next) => {
  checkPath(req.path);
  assertStorable(req.query);
  // A raw body (a PDF, a form before readForm) is bytes, not text: readForm checks the form's fields.
  if (!Buffer.isBuffer(req.body)) assertStorable(req.body);
  next();
};
