/**
 * `justera sign <in.pdf> -o <out.pdf> --field <name> --signer "<full name>"`: one PAdES signature in a
 * pre-laid field, as one incremental update; the document timestamp follows when the justering is complete.
 * The output is written atomically and only after the signature succeeded, so a refusal leaves every file as it was.
 */
import type { Command } from 'commander';
import { fixedClock, systemClock } from '../../clock';
import { InputError } from '../../errors';
import { signerFromPkcs12 } from '../../pki/issue-signer-certificate';
import { loadKeys } from '../../pki/keys-folder';
import type { SignerSource } from '../../pades';
import { signExtractField, timestamperFor } from '../../workflows/sign-extract';
import { keysDirOf, keysOption, parseTimeOption, readInputFile, tsaOption } from '../common-options';
import { writeFileAtomically } from '../write-atomically';

interface SignOptions {
  output: string;
  field: string;
  signer?: string;
  personnummer?: string;
  email?: string;
  p12?: string;
  passphraseEnv?: string;
  tsa: string;
  keys?: string;
  time?: string;
}

export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('Sign one pre-laid signature field (ordforande, justerare-1, ...) of an assembled extract (PAdES B-LT).')
    .argument('<in.pdf>', 'the assembled (and possibly partly signed) extract')
    .requiredOption('-o, --output <out.pdf>', 'where to write the signed PDF (may equal the input; written atomically)')
    .requiredOption('--field <name>', 'the signature field to fill')
    .option('--signer <full name>', 'the signer\u2019s full name, for a one-time certificate from the signing CA')
    .option('--personnummer <id>', 'the signer\u2019s personnummer, written into the certificate\u2019s serialNumber')
    .option('--email <address>', 'the signer\u2019s e-mail address, written into the certificate')
    .option('--p12 <file>', 'sign with this PKCS#12 file instead of a one-time certificate')
    .option('--passphrase-env <VAR>', 'environment variable holding the PKCS#12 passphrase')
    .addOption(tsaOption('time-stamping authority'))
    .addOption(keysOption('keys folder (signing CA, TSA, CRLs)'))
    .option('--time <ISO>', 'pin the clock: /M, the one-time certificate and the built-in TSA\u2019s time (for tests)')
    .action(async (input: string, options: SignOptions) => {
      const clock = options.time === undefined ? systemClock : fixedClock(parseTimeOption(options.time, '--time', '2023-10-03T09:32:00+02:00'));
      const keys = loadKeys(keysDirOf(options.keys));
      const pdf = readInputFile(input, '<in.pdf>');
      const result = await signExtractField(pdf, {
        field: options.field,
        signer: signerSource(options),
        keys,
        clock,
        timestamper: timestamperFor(options.tsa, keys, clock),
      });
      writeFileAtomically(options.output, result.pdf);
      const rest = result.remainingFields.length > 0 ? `still to sign: ${result.remainingFields.join(', ')}` : 'every required field is signed';
      const stamp = result.documentTimestamped ? '; document timestamp added' : '';
      process.stdout.write(`Signed ${options.field} (${result.role}) \u2192 ${options.output}; ${rest}${stamp}\n`);
    });
}

function signerSource(options: SignOptions): SignerSource {
  if (options.p12 !== undefined) {
    if (options.signer !== undefined || options.personnummer !== undefined) {
      throw new InputError('--p12 signs with the certificate in the file; leave out --signer and --personnummer', { field: '--p12', code: 'ERR_USAGE' });
    }
    const variable = options.passphraseEnv;
    const passphrase = variable === undefined ? '' : process.env[variable];
    if (passphrase === undefined) throw new InputError(`the environment variable ${variable} is not set`, { field: '--passphrase-env', code: 'ERR_USAGE' });
    return { credentials: signerFromPkcs12(readInputFile(options.p12, '--p12'), passphrase) };
  }
  if (options.signer === undefined || options.signer.trim() === '') {
    throw new InputError('give the signer\u2019s full name with --signer "<full name>" (or a --p12 file)', { field: '--signer', code: 'ERR_USAGE' });
  }
  return {
    person: {
      name: options.signer,
      ...(options.personnummer !== undefined && { personnummer: options.personnummer }),
      ...(options.email !== undefined && { email: options.email }),
    },
  };
}
