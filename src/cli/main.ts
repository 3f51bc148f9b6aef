/**
 * The `justera` command line. Each command lives in src/cli/commands/<name>.ts and registers itself
 * on the program; commands call workflows only, never the byte level directly.
 * Exit codes: 0 success, 1 a negative answer (e.g. a document that does not verify), 2 usage errors,
 * unreadable files and refused input.
 */
import { Command, CommanderError } from 'commander';
import { isJusteraError } from '../errors';
import { EXIT_USAGE } from './exit-codes';
import { registerAssemble } from './commands/assemble';
import { registerKeys } from './commands/keys';
import { registerSign } from './commands/sign';
import { registerAudit } from './commands/audit';
import { registerServe } from './commands/serve';
import { registerExport } from './commands/export';
import { registerVerify } from './commands/verify';

export type CommandRegistrar = (program: Command) => void;

const registrars: CommandRegistrar[] = [registerAssemble, registerKeys, registerSign, registerAudit, registerServe, registerExport, registerVerify];

export function buildProgram(): Command {
  const program = new Command('justera')
    .description('Justering of Swedish municipal protocol extracts: assemble, sign (PAdES), verify, serve.')
    .exitOverride()
    .showHelpAfterError();
  for (const register of registrars) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (isJusteraError(error)) {
      const field = error.field ? ` (${error.field})` : '';
      process.stderr.write(`justera: ${error.code}${field}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
