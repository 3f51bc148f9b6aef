/**
 * `justera assemble <extract.json> -o <out.pdf> [--created <ISO>] [--no-seal]`: the extract as a PDF/A-2b
 * with empty signature fields. An extract we refuse gets a message naming the field (exit 2) and no file
 * is written; the output is written atomically.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../../clock';
import { loadServiceConfig } from '../../config/service-config';
import { MAX_EXTRACT_JSON_BYTES, parseExtract } from '../../domain/extract';
import { InputError, JusteraError } from '../../errors';
import { loadKeys } from '../../pki/keys-folder';
import { assembleExtract } from '../../workflows/assemble-extract';
import { organisationSeal } from '../../workflows/seal-extract';
import { writeFileAtomically } from '../write-atomically';

interface AssembleCommandOptions {
  output: string;
  created?: string;
  /** Commander's `--no-seal`: true unless the option is given. */
  seal: boolean;
  keys: string;
  tsa: string;
}

export function registerAssemble(program: Command): void {
  program
    .command('assemble')
    .description('Lay out a protocol extract (JSON) as a PDF/A-2b with an empty signature field per signer.')
    .argument('<extract.json>', 'the extract, e.g. examples/extract-ha-2023-418-p12.json')
    .requiredOption('-o, --output <out.pdf>', 'where to write the PDF (written atomically)')
    .option('--created <ISO>', 'creation time, e.g. 2023-09-21T16:00:00Z (default: SOURCE_DATE_EPOCH, else now); same extract and time give the same bytes')
    .option('--no-seal', 'leave the document without the organisation\u2019s seal')
    .option('--keys <dir>', 'keys folder with the organisation\u2019s seal and the TSA', 'keys-example')
    .option('--tsa <builtin|url>', 'time-stamping authority for the seal: the built-in one or an RFC 3161 URL', 'builtin')
    .action(async (input: string, options: AssembleCommandOptions) => {
      const extract = parseExtract(readExtractFile(input));
      const createdAt = creationTime(options.created, process.env.SOURCE_DATE_EPOCH);
      const { publicBaseUrl } = loadServiceConfig(process.env);
      const seal = options.seal ? organisationSeal(loadKeys(options.keys), { time: createdAt, tsa: options.tsa }) : undefined;
      const result = await assembleExtract(extract, { createdAt, publicBaseUrl, ...(seal && { seal }) });
      writeFileAtomically(options.output, result.pdf);
      process.stdout.write(
        `Assembled ${options.output} (${result.pdf.byteLength} bytes, ${result.sealed ? 'sealed' : 'not sealed'}); ` +
          `verification code ${result.verificationCode}; fields to sign: ${result.requiredFields.join(', ')}\n`,
      );
    });
}

function readExtractFile(path: string): Uint8Array {
  try {
    const { size } = statSync(path);
    if (size > MAX_EXTRACT_JSON_BYTES) {
      throw new InputError(`${path} is ${size} bytes; an extract may be at most ${MAX_EXTRACT_JSON_BYTES} bytes`, { code: 'ERR_INPUT_TOO_LARGE', field: '<extract.json>' });
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof JusteraError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JusteraError('ERR_FILE_UNREADABLE', `cannot read ${path}: ${reason}`, { field: '<extract.json>', cause: error });
  }
}

/** --created wins over SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/), which wins over now. */
export function creationTime(created: string | undefined, sourceDateEpoch: string | undefined): Date {
  if (created !== undefined) {
    const time = new Date(created);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(created) || Number.isNaN(time.getTime())) {
      throw new InputError(`--created must be an ISO 8601 time such as 2023-09-21T16:00:00Z, not "${created}"`, { field: '--created', code: 'ERR_USAGE' });
    }
    return time;
  }
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new InputError(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not "${sourceDateEpoch}"`, { field: 'SOURCE_DATE_EPOCH', code: 'ERR_USAGE' });
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  return systemClock.now();
}
