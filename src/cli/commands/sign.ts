/**
 * `justera sign <in.pdf> -o <out.pdf> --field <name> --signer "<full name>"`: one PAdES signature in a
 * pre-laid field, as one incremental update; the document timestamp follows when the justering is complete.
 * The output is written atomically and only after the signature succeeded, so a refusal leaves every file as it was.
 */
import type { Command } from 'commander';
import { fixedClock, systemClock, type Clock } from '../../clock';
import { signerIdentityPolicy } from '../../config/pseudonym-secret';
import { loadSignerCertificateConfig } from '../../config/service-config';
import { signerSerialNumber } from '../../domain/signer-pseudonym';
import { InputError } from '../../errors';
import { signerFromPkcs12 } from '../../ca/signer-from-pkcs12';
import { loadKeys } from '../../ca/keys-folder';
import type { SignerSource } from '../../pades';
import { signExtractField } from '../../engines/sign-extract';
import { signingContextFor } from '../../engines/signing-context';
import { keysDirOf, keysOption, parseTimeOption, readInputFile } from '../common-options';
import { tsaChainOption, tsaOption, tsaSettingOf } from '../tsa-options';
import { writeFileAtomically } from '../write-atomically';

interface SignOptions {
  output: string;
  field: string;
  signer?: string;
  personnummer?: string;
  personnummerInCertificate?: boolean;
  email?: string;
  p12?: string;
  passphraseEnv?: string;
  tsa: string;
  tsaChain?: string;
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
    .option('--personnummer <id>', 'the signer\u2019s personnummer: its pseudonym (PSEUDO:\u2026, keyed by the keys folder\u2019s signer-pseudonym-secret or SIGNER_PSEUDONYM_SECRET) goes into the certificate\u2019s serialNumber')
    .option('--personnummer-in-certificate', 'write the personnummer itself into the serialNumber (Sweden Connect certificate profile; also SIGNER_CERTIFICATE_ID=personnummer)')
    .option('--email <address>', 'the signer\u2019s e-mail address, written into the certificate')
    .option('--p12 <file>', 'sign with this PKCS#12 file instead of a one-time certificate')
    .option('--passphrase-env <VAR>', 'environment variable holding the PKCS#12 passphrase')
    .addOption(tsaOption('time-stamping authority'))
    .addOption(tsaChainOption())
    .addOption(keysOption('keys folder (signing CA, TSA, CRLs)'))
    .option('--time <ISO>', 'pin the clock: /M, the one-time certificate and the built-in TSA\u2019s time (for tests)')
    .action(async (input: string, options: SignOptions) => {
      const clock = options.time === undefined ? systemClock : fixedClock(parseTimeOption(options.time, '--time', '2023-10-03T09:32:00+02:00'));
      const keysDir = keysDirOf(options.keys);
      const keys = loadKeys(keysDir);
      const pdf = readInputFile(input, '<in.pdf>');
      const result = await signExtractField(pdf, {
        field: options.field,
        ...signingContextFor(keys, clock, tsaSettingOf(options)),
        signer: signerSource(options, keysDir, clock),
      });
      writeFileAtomically(options.output, result.pdf);
      const rest = result.remainingFields.length > 0 ? `still to sign: ${result.remainingFields.join(', ')}` : 'every required field is signed';
      const stamp = result.documentTimestamped ? '; document timestamp added' : '';
      process.stdout.write(`Signed ${options.field} (${result.role}) \u2192 ${options.output}; ${rest}${stamp}\n`);
    });
}

function signerSource(options: SignOptions, keysDir: string, clock: Clock): SignerSource {
  if (options.p12 !== undefined) {
    if (options.signer !== undefined || options.personnummer !== undefined || options.personnummerInCertificate) {
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
  if (options.personnummerInCertificate && options.personnummer === undefined) {
    throw new InputError('--personnummer-in-certificate needs --personnummer <id>', { field: '--personnummer-in-certificate', code: 'ERR_USAGE' });
  }
  let serialNumber: string | undefined;
  if (options.personnummer !== undefined) {
    const configured = loadSignerCertificateConfig(process.env);
    const policy = signerIdentityPolicy({ ...configured, ...(options.personnummerInCertificate && { signerCertificateId: 'personnummer' }), keysDir });
    serialNumber = signerSerialNumber(policy, options.personnummer, clock.now(), '--personnummer');
  }
  return {
    person: {
      name: options.signer,
      ...(serialNumber !== undefined && { serialNumber }),
      ...(options.email !== undefined && { email: options.email }),
    },
  };
}
