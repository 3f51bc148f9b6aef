/** `justera keys init <dir>`: creates a keys folder (root CA, signing CA, TSA, seal) for a deployment. */
import type { Command } from 'commander';
import { systemClock } from '../../clock';
import { InputError } from '../../errors';
import { PSEUDONYM_SECRET_FILE, resolvePseudonymSecret } from '../../config/pseudonym-secret';
import { initKeys } from '../../ca/keys-folder';

interface KeysInitOptions {
  organisation: string;
  publicBaseUrl: string;
  validityYears: string;
  force?: boolean;
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Manage the keys folder (CAs, time-stamping authority, organisation seal).');
  keys
    .command('init')
    .description('Create a new keys folder: root CA (RSA-3072), signing CA (ECDSA P-256), TSA and seal (RSA-2048).')
    .argument('<dir>', 'folder to create the keys in')
    .option('--organisation <name>', 'the organisation (the certificates\u2019 O, the seal\u2019s name)', 'Exempelkommun')
    .option('--public-base-url <url>', 'base URL the certificates name for CRLs and CA certificates', process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000')
    .option('--validity-years <n>', 'validity of the CA, TSA and seal certificates', '30')
    .option('--force', 'replace the keys of a folder that already has some')
    .action((dir: string, options: KeysInitOptions) => {
      const validityYears = Number(options.validityYears);
      if (!Number.isInteger(validityYears) || validityYears < 1 || validityYears > 100) {
        throw new InputError(`--validity-years must be a whole number from 1 to 100, not "${options.validityYears}"`, {
          field: '--validity-years',
          code: 'ERR_USAGE',
        });
      }
      const material = initKeys(dir, {
        organisation: options.organisation,
        publicBaseUrl: options.publicBaseUrl,
        clock: systemClock,
        validityYears,
        ...(options.force && { overwrite: true }),
      });
      // Made with the keys so every copy of the folder derives the same signer pseudonyms; --force keeps an
      // existing one, since a new secret would give the same person a new pseudonym.
      resolvePseudonymSecret(undefined, material.dir);
      process.stdout.write(
        `Created keys for "${material.organisation}" in ${material.dir}\n` +
          `  root CA     ${material.root.parsed.subject}\n  signing CA  ${material.signingCa.parsed.subject}\n` +
          `  TSA         ${material.tsa.parsed.subject}\n  seal        ${material.seal.parsed.subject}\n` +
          `  pseudonyms ${PSEUDONYM_SECRET_FILE} (the key of the signers\u2019 pseudonyms in their certificates)\n` +
          `Keep the *.key.pem files and ${PSEUDONYM_SECRET_FILE} secret; serve ${material.publicBaseUrl}/pki/ for CRLs and CA certificates.\n`,
      );
    });
}
