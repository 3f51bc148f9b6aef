/**
 * The `justera` command line. Each command lives in src/cli/commands/<name>.ts and registers itself
 * on the program; commands call workflows only, never the byte level directly.
 * Exit codes: 0 success, 1 a negative answer (e.g. a document that does not verify), 2 usage errors,
 * unreadable files and refused input.
 */
import { Command, CommanderError } from 'commander';
import { isJusteraError } from '../errors';
import { EXIT_USAGE } from './exit-codes';
import { terminalSafe } from '../verification/render/terminal-safe';

export type CommandRegistrar = (program: Command) => void;

/** The engines name a wrong value by their request's own names; the command line says which option gave it. */
const OPTION_OF_FIELD: Record<string, string> = { field: '--field', tsa: '--tsa', tsaChain: '--tsa-chain', keysDir: '--keys', trustFiles: '--trust' };

/** How an error's `field` reads on the command line: the option that gave the value, or the field itself. */
export function optionOfField(field: string): string {
  return Object.hasOwn(OPTION_OF_FIELD, field) ? OPTION_OF_FIELD[field]! : field;
}

/*
 * Commands are loaded on demand: each pulls in a large part of the code base (the server, pdf-lib, the
 * verifier), and an archivist's script that runs `justera verify` a thousand times should not pay for
 * loading `serve` each time. Help and unknown commands load them all.
 */
const commandLoaders: Record<string, () => CommandRegistrar> = {
  assemble: () => (require('./commands/assemble') as typeof import('./commands/assemble')).registerAssemble,
  sign: () => (require('./commands/sign') as typeof import('./commands/sign')).registerSign,
  verify: () => (require('./commands/verify') as typeof import('./commands/verify')).registerVerify,
  serve: () => (require('./commands/serve') as typeof import('./commands/serve')).registerServe,
  audit: () => (require('./commands/audit') as typeof import('./commands/audit')).registerAudit,
  export: () => (require('./commands/export') as typeof import('./commands/export')).registerExport,
  keys: () => (require('./commands/keys') as typeof import('./commands/keys')).registerKeys,
};

/** The program with every command, or only `commandName` when it names one. */
export function buildProgram(commandName?: string): Command {
  const program = new Command('justera')
    .description('Justering of Swedish municipal protocol extracts: assemble, sign (PAdES), verify, serve.')
    .exitOverride()
    .showHelpAfterError();
  const names = commandName !== undefined && commandName in commandLoaders ? [commandName] : Object.keys(commandLoaders);
  for (const name of names) commandLoaders[name]()(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(argv[2]);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (isJusteraError(error)) {
      const field = error.field ? ` (${optionOfField(error.field)})` : '';
      process.stderr.write(terminalSafe(`justera: ${error.code}${field}: ${error.message}`) + '\n');
      return EXIT_USAGE;
    }
    throw error;
  }
}
