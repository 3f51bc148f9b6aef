/**
 * The signing context every caller builds from a keys folder the same way (CLI, service, worker, tests):
 * the folder behind its SigningAuthority, and the one TSA chooser.
 */
import type { Clock } from '../clock';
import { InputError } from '../errors';
import type { KeyMaterial } from '../ca/keys-folder';
import { signingAuthority } from '../ca/signing-authority';
import type { SigningContext } from '../pades';
import { BuiltinTsa } from '../tsa/builtin-tsa';
import { HttpTimestamper } from '../tsa/http-timestamper';
import type { Timestamper } from '../tsa/timestamper';

/** `builtin` (the keys folder's TSA, in-process) or the URL of an RFC 3161 TSA (`--tsa`, TSA_URL). */
export function timestamperFor(spec: string, keys: KeyMaterial, clock: Clock): Timestamper {
  if (spec === 'builtin') return BuiltinTsa.fromKeys(keys, clock);
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new InputError(`the TSA must be "builtin" or an http(s) URL, not "${spec}"`, { field: 'tsa', code: 'ERR_USAGE' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`the TSA must be "builtin" or an http(s) URL, not "${spec}"`, { field: 'tsa', code: 'ERR_USAGE' });
  }
  return new HttpTimestamper({ url: url.href });
}

/** Signing with `keys` and a timestamper (default: the TSA `timestamperFor` chooses for `tsa`, builtin unless given). */
export function signingContextFor(keys: KeyMaterial, clock: Clock, tsa: string | Timestamper = 'builtin'): SigningContext {
  return { authority: signingAuthority(keys, clock), timestamper: typeof tsa === 'string' ? timestamperFor(tsa, keys, clock) : tsa, clock };
}
