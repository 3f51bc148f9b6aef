/**
 * Where to send the browser after login or logout: only a path on this service, so that a crafted
 * login link can never forward a freshly logged-in person to another site (open redirect).
 */
import { InputError } from '../../errors';

const PROBE_ORIGIN = 'http://justera.invalid';
const MAX_LENGTH = 2048;

/**
 * `undefined` → `/`. A local path (with query and fragment) is returned as given.
 * @throws InputError (field `returnTo`) for anything else: absolute or scheme-relative URLs (`//host`,
 * `/\host`, which browsers treat as `//host`), control characters, over-long values.
 */
export function safeReturnTo(value: unknown): string {
  if (value === undefined) return '/';
  const refuse = (why: string) => new InputError(`returnTo ${why}`, { field: 'returnTo' });
  if (typeof value !== 'string') throw refuse('must be a single path');
  if (value.length > MAX_LENGTH) throw refuse(`must be at most ${MAX_LENGTH} characters`);
  // Tabs and newlines are dropped by URL parsers, which turns "/\t/evil" into "//evil".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) throw refuse('must not contain control characters or backslashes');
  if (!value.startsWith('/') || value.startsWith('//')) throw refuse('must be a path on this service, starting with a single "/"');
  const resolved = new URL(value, PROBE_ORIGIN);
  if (resolved.origin !== PROBE_ORIGIN) throw refuse('must be a path on this service');
  return value;
}
