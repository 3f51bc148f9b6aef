/**
 * `justera assemble <extract.json> -o <out.pdf> [--from-pdf <protocol.pdf>] [--created <ISO>] [--no-seal]`:
 * the extract as a tagged PDF/A-2a with empty signature fields, or, with --from-pdf, a protocol made
 * elsewhere followed by our signature page. An input we refuse gets a message naming the field (exit 2)
 * and no file is written; the output is written atomically.
 */
import type { Command } from 'commander';
import { systemClock } from '../../clock';
import { loadServiceConfig } from '../../config/service-config';
import { MAX_EXTRACT_JSON_BYTES, parseExtract, parseProtocolMeta } from '../../domain/extract';
import { InputError } from '../../errors';
import { loadKeys } from '../../ca/keys-folder';
import { assembleExtract, assembleProtocol, describeConversion, MAX_PROTOCOL_PDF_BYTES, parsePageList, type AssembleOptions, type AssembledExtract } from '../../engines/assemble-extract';
import { organisationSeal } from '../../engines/seal-extract';
import { keysDirOf, keysOption, parseTimeOption, readInputFile } from '../common-options';
import { tsaChainOption, tsaOption, tsaSettingOf } from '../tsa-options';
import { writeFileAtomically } from '../write-atomically';

interface AssembleCommandOptions {
  output: string;
  fromPdf?: string;
  pages?: string;
  created?: string;
  /** Commander's `--no-seal`: true unless the option is given. */
  seal: boolean;
  keys?: string;
  tsa: string;
  tsaChain?: string;
}

export function registerAssemble(program: Command): void {
  program
    .command('assemble')
    .description('Lay out a protocol extract (JSON) as a tagged PDF/A-2a (PDF/UA-1) with an empty signature field per signer.')
    .argument('<extract.json>', 'the extract, e.g. examples/extract-ha-2023-418-p12.json')
    .requiredOption('-o, --output <out.pdf>', 'where to write the PDF (written atomically)')
    .option('--from-pdf <protocol.pdf>', 'keep the pages of this protocol PDF made elsewhere and add the signature page; the extract JSON may then leave out its sections')
    .option('--pages <list>', 'with --from-pdf: keep only these pages, e.g. "3-4" for the § justerad on its own (omedelbar justering)')
    .option('--created <ISO>', 'creation time, e.g. 2023-09-21T16:00:00Z (default: SOURCE_DATE_EPOCH, else now); same extract and time give the same bytes')
    .option('--no-seal', 'leave the document without the organisation\u2019s seal')
    .addOption(keysOption('keys folder with the organisation\u2019s seal and the TSA'))
    .addOption(tsaOption('time-stamping authority for the seal'))
    .addOption(tsaChainOption())
    .action(async (input: string, options: AssembleCommandOptions) => {
      const json = readInputFile(input, '<extract.json>', { maxBytes: MAX_EXTRACT_JSON_BYTES, what: 'an extract' });
      const createdAt = creationTime(options.created, process.env.SOURCE_DATE_EPOCH);
      const { publicBaseUrl } = loadServiceConfig(process.env);
      const seal = options.seal ? organisationSeal(loadKeys(keysDirOf(options.keys)), { time: createdAt, tsa: tsaSettingOf(options) }) : undefined;
      const assemble: AssembleOptions = { createdAt, publicBaseUrl, ...(seal && { seal }) };
      let result: AssembledExtract;
      let notes: string[] = [];
      if (options.fromPdf === undefined) {
        if (options.pages !== undefined) throw new InputError('--pages picks pages of a protocol PDF: give --from-pdf too', { field: '--pages', code: 'ERR_USAGE' });
        result = await assembleExtract(parseExtract(json), assemble);
      } else {
        const meta = parseProtocolMeta(json);
        const protocol = readInputFile(options.fromPdf, '--from-pdf', { maxBytes: MAX_PROTOCOL_PDF_BYTES, what: 'a protocol PDF' });
        const assembled = await assembleProtocol(meta, protocol, { ...assemble, ...(options.pages !== undefined && { pages: parsePageList(options.pages, '--pages') }) });
        result = assembled;
        notes = describeConversion(assembled.conversion);
      }
      writeFileAtomically(options.output, result.pdf);
      process.stdout.write(
        `Assembled ${options.output} (${result.pdf.byteLength} bytes, ${result.sealed ? 'sealed' : 'not sealed'}); ` +
          `verification code ${result.verificationCode}; fields to sign: ${result.requiredFields.join(', ')}\n` +
          notes.map((line) => `${line}\n`).join(''),
      );
    });
}

/** --created wins over SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/), which wins over now. */
export function creationTime(created: string | undefined, sourceDateEpoch: string | undefined): Date {
  if (created !== undefined) return parseTimeOption(created, '--created', '2023-09-21T16:00:00Z');
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new InputError(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not "${sourceDateEpoch}"`, { field: 'SOURCE_DATE_EPOCH', code: 'ERR_USAGE' });
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  return systemClock.now();
}
