/**
 * `--tsa` and `--tsa-chain`, shared by `assemble` (the seal) and `sign`. Apart from common-options.ts because
 * reading them pulls in the signing engine, which `justera verify` must not load.
 */
import { Option } from 'commander';
import { readTsaChain, type TsaSetting } from '../engines/signing-context';

/** `--tsa <builtin|url>` for `.addOption`, default builtin; read it, with `--tsa-chain`, by `tsaSettingOf`. */
export function tsaOption(what: string): Option {
  return new Option('--tsa <builtin|url>', `${what}: the built-in one or an RFC 3161 URL`).default('builtin');
}

/** `--tsa-chain <pem>` for `.addOption`, next to `tsaOption`. */
export function tsaChainOption(): Option {
  return new Option(
    '--tsa-chain <pem>',
    'with --tsa <url>: PEM file of that TSA\u2019s certificate chain (TSA certificate first, then its CAs) for the validation data; without it, only the certificates the TSA\u2019s tokens carry',
  );
}

/** The TSA that `--tsa` and `--tsa-chain` name (engines/signing-context.ts `timestamperFor` takes it). */
export function tsaSettingOf(options: { tsa: string; tsaChain?: string }): TsaSetting {
  return { tsa: options.tsa, ...(options.tsaChain !== undefined && { tsaChain: readTsaChain(options.tsaChain) }) };
}
