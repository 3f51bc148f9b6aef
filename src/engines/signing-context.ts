/**
 * The signing context every caller builds from a keys folder the same way (CLI, service, worker, tests):
 * the folder behind its SigningAuthority, and the one TSA chooser.
 */
import type { Clock } from '../clock';
import type { ServiceConfig } from '../config/service-config';
import { InputError, TimestampError } from '../errors';
import type { KeyMaterial } from '../ca/keys-folder';
import { signingAuthority } from '../ca/signing-authority';
import type { SigningContext } from '../pades';
import { ParsedCertificate } from '../pki/certificate';
import { BuiltinTsa } from '../tsa/builtin-tsa';
import { HttpTimestamper } from '../tsa/http-timestamper';
import type { Timestamper } from '../tsa/timestamper';
import { readCertificateFile } from './certificate-file';

/** Which TSA stamps, as the CLI (`--tsa`, `--tsa-chain`) and the service (TSA_URL, TSA_CHAIN) name it. */
export interface TsaSetting {
  /** `builtin` (the keys folder's TSA, in-process) or the URL of an RFC 3161 TSA. */
  tsa: string;
  /**
   * An external TSA's certificate and the CAs above it (DER, TSA certificate first; `readTsaChain`), which the
   * DSS then carries; without it, the DSS has only the certificates the TSA's tokens carry, if any.
   */
  tsaChain?: readonly Uint8Array[];
}

export const BUILTIN_TSA: TsaSetting = { tsa: 'builtin' };

export function timestamperFor(setting: TsaSetting, keys: KeyMaterial, clock: Clock): Timestamper {
  const { tsa: spec, tsaChain } = setting;
  if (spec === 'builtin') {
    if (tsaChain) throw new InputError('a TSA chain is for an external TSA (an http(s) URL); the built-in TSA\u2019s chain is the keys folder\u2019s', { field: 'tsaChain', code: 'ERR_USAGE' });
    return BuiltinTsa.fromKeys(keys, clock);
  }
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new InputError(`the TSA must be "builtin" or an http(s) URL, not "${spec}"`, { field: 'tsa', code: 'ERR_USAGE' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`the TSA must be "builtin" or an http(s) URL, not "${spec}"`, { field: 'tsa', code: 'ERR_USAGE' });
  }
  return new HttpTimestamper({ url: url.href, ...(tsaChain && { certificateChain: tsaChain }) });
}

/**
 * The chain of an external TSA from a PEM file: its certificates in order, the first the TSA's own (RFC 3161
 * §2.3: critical extended key usage timeStamping only), else TimestampError ERR_TSA_CHAIN_INVALID.
 */
export function readTsaChain(file: string): Uint8Array[] {
  const certificates = readCertificateFile(file, 'tsaChain');
  const parsed = certificates.map((der, index) => {
    try {
      return ParsedCertificate.fromDer(der);
    } catch (error) {
      throw new TimestampError('ERR_TSA_CHAIN_INVALID', `certificate ${index + 1} of the TSA chain ${file} cannot be read: ${(error as Error).message}`, { field: 'tsaChain', cause: error });
    }
  });
  if (!parsed[0]!.isTimeStampingCertificate) {
    throw new TimestampError(
      'ERR_TSA_CHAIN_INVALID',
      `the first certificate of the TSA chain ${file}, "${parsed[0]!.subject}", is not a time-stamping certificate (critical extended key usage timeStamping only, RFC 3161 §2.3); put the TSA\u2019s own certificate first, then its CAs`,
      { field: 'tsaChain' },
    );
  }
  return certificates;
}

/** The service's TSA: TSA_URL, with the chain of the TSA_CHAIN file when set. */
export function serviceTsa(config: Pick<ServiceConfig, 'tsaUrl' | 'tsaChainFile'>): TsaSetting {
  return { tsa: config.tsaUrl, ...(config.tsaChainFile !== undefined && { tsaChain: readTsaChain(config.tsaChainFile) }) };
}

/** Signing with `keys` and a timestamper (default: the TSA `timestamperFor` chooses for `tsa`, builtin unless given). */
export function signingContextFor(keys: KeyMaterial, clock: Clock, tsa: TsaSetting | Timestamper = BUILTIN_TSA): SigningContext {
  return { authority: signingAuthority(keys, clock), timestamper: 'timestamp' in tsa ? tsa : timestamperFor(tsa, keys, clock), clock };
}
