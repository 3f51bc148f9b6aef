/**
 * `justera verify <pdf or folder ...> [--json | --csv] [--html <file>] [--etsi-xml <file>] [--trust <pem> ...] [--keys <dir>] [--jobs N]`:
 * verifies every PDF given (folders are searched for *.pdf), in worker threads when there are several,
 * with a progress bar on a terminal. Exit 0 when every file is TOTAL_PASSED with the justering complete,
 * 1 when any is not, 2 for usage errors and unreadable files (the other files are still verified).
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { fixedClock, systemClock } from '../../clock';
import { InputError } from '../../errors';
import type { FileOutcome } from '../../verification/render/batch';
import { CSV_HEADER } from '../../verification/render/csv';
import { joinJson } from '../../verification/render/json';
import { createVerifier, loadTrustAnchors, verifyFile } from '../../engines/verify-document';
import { keysDirOf, keysOption, parseTimeOption } from '../common-options';
import { EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { writeFileAtomically } from '../write-atomically';
import { renderOutcome, type OutputOptions, type RenderedOutcome } from './verify-output';
import type { VerifyWorkerSetup } from './verify-worker';

/*
 * What only some runs need is loaded when they need it: `justera verify one.pdf` in an archivist's shell
 * loop starts no worker thread, draws no progress bar and writes no HTML or XML report (issue 14).
 */
const workerPools = (): typeof import('../../engines/worker-pool') => require('../../engines/worker-pool') as typeof import('../../engines/worker-pool');
const progressBars = (): typeof import('cli-progress') => require('cli-progress') as typeof import('cli-progress');
const htmlReport = (): typeof import('../../verification/render/html') => require('../../verification/render/html') as typeof import('../../verification/render/html');
const etsiXmlReport = (): typeof import('../../verification/render/etsi-xml') => require('../../verification/render/etsi-xml') as typeof import('../../verification/render/etsi-xml');

/** Below this many files per thread, starting worker threads costs more than it saves. */
const FILES_PER_WORKER = 8;
const IN_FLIGHT = 4;

interface VerifyOptions {
  json?: boolean;
  csv?: boolean;
  html?: string;
  etsiXml?: string;
  trust: string[];
  keys?: string;
  jobs?: string;
  english?: boolean;
  time?: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Verify the signatures of PDFs: who signed what and when, whether anything changed after, whether the justering is complete.')
    .argument('<paths...>', 'PDF files or folders (searched for *.pdf)')
    .option('--json', 'print one JSON document {"files": [...]}')
    .option('--csv', 'print one CSV row per signature')
    .option('--html <file>', 'also write an HTML report to this file')
    .option('--etsi-xml <file>', 'also write the ETSI TS 119 102-2 validation report (XML) of the one PDF given to this file')
    .option('--trust <pem>', 'trust the root certificate(s) in this PEM file too (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .addOption(keysOption('keys folder whose root-ca.crt.pem is trusted'))
    .option('--jobs <n>', 'worker threads (default: one per core)')
    .option('--english', 'human output in English instead of Swedish')
    .option('--time <ISO>', 'verify as of this time instead of now (tests)')
    .action(async (paths: string[], options: VerifyOptions) => {
      if (options.json && options.csv) throw new InputError('choose one of --json and --csv', { field: '--json', code: 'ERR_USAGE' });
      const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new InputError(`--jobs must be a whole number from 1 to 256, got "${options.jobs}"`, { field: '--jobs', code: 'ERR_USAGE' });
      if (options.time !== undefined) parseTimeOption(options.time, '--time', '2023-10-05T12:00:00Z');
      const trustAnchors = loadTrustAnchors({ keysDir: keysDirOf(options.keys), trustFiles: options.trust });
      const output: OutputOptions = {
        format: options.json ? 'json' : options.csv ? 'csv' : 'text',
        language: options.english ? 'en' : 'sv',
        keepOutcome: options.html !== undefined || options.etsiXml !== undefined,
      };
      const { files, missing } = expandPaths(paths);
      // An ETSI validation report is about one document.
      if (options.etsiXml !== undefined && files.length + missing.length !== 1) throw new InputError(`--etsi-xml writes the report of one PDF, got ${files.length + missing.length}`, { field: '--etsi-xml', code: 'ERR_USAGE' });
      const rendered = [...missing.map((outcome) => renderOutcome(outcome, output)), ...(await verifyAll(files, { trustAnchors, jobs, time: options.time, output }))];
      const chunks = rendered.map((item) => item.chunk);
      process.stdout.write(output.format === 'json' ? joinJson(chunks) : output.format === 'csv' ? CSV_HEADER + chunks.join('') : chunks.join(''));
      if (options.html) {
        const outcomes = rendered.flatMap((item) => (item.outcome ? [item.outcome] : []));
        writeFileAtomically(options.html, Buffer.from(htmlReport().renderHtml(outcomes, new Date().toISOString()), 'utf8'));
      }
      const verified = rendered[0]?.outcome;
      if (options.etsiXml !== undefined && verified && 'report' in verified) writeFileAtomically(options.etsiXml, Buffer.from(etsiXmlReport().renderEtsiXml(verified.report), 'utf8'));
      process.exitCode = rendered.some((item) => item.unreadable) ? EXIT_USAGE : rendered.every((item) => item.accepted) ? EXIT_OK : EXIT_NEGATIVE;
    });
}

/** Files as given and *.pdf in folders (recursively, sorted); paths that do not exist become error outcomes. */
function expandPaths(paths: readonly string[]): { files: string[]; missing: FileOutcome[] } {
  const files: string[] = [];
  const missing: FileOutcome[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) files.push(path);
    }
  };
  for (const path of paths) {
    try {
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    } catch (error) {
      missing.push({ file: path, error: { code: 'ERR_FILE_UNREADABLE', message: (error as Error).message } });
    }
  }
  return { files, missing };
}

interface BatchOptions {
  trustAnchors: Uint8Array[];
  jobs: number;
  time?: string;
  output: OutputOptions;
}

async function verifyAll(files: readonly string[], options: BatchOptions): Promise<RenderedOutcome[]> {
  const bar = process.stderr.isTTY && files.length > 1 ? new (progressBars().SingleBar)({ stream: process.stderr, format: 'Verifierar {bar} {value}/{total} filer' }) : undefined;
  bar?.start(files.length, 0);
  try {
    // The main thread verifies too: --jobs N means N threads at work, N - 1 of them worker threads.
    const workers = files.length >= FILES_PER_WORKER * options.jobs ? options.jobs - 1 : 0;
    return await inThreads(files, workers, options, () => bar?.increment());
  } finally {
    bar?.stop();
  }
}

/**
 * The main thread and the worker threads (src/engines/worker-pool.ts) take files from one queue as soon as
 * they are free; results keep the input order. A worker that dies fails the batch, as an error of the main
 * thread's own verification does.
 */
function inThreads(files: readonly string[], workerCount: number, options: BatchOptions, onDone: () => void): Promise<RenderedOutcome[]> {
  const setup: VerifyWorkerSetup = { trustAnchors: options.trustAnchors, ...(options.time !== undefined ? { time: options.time } : {}), output: options.output };
  const pool = workerCount > 0
    ? new (workerPools().WorkerPool)<string, RenderedOutcome>({
        script: join(__dirname, 'verify-worker'),
        workerData: setup,
        size: workerCount,
        // A few files in flight per worker, so it never waits for the main thread between two files.
        tasksPerWorker: IN_FLIGHT,
        errors: {
          fromWorker: (error) => new Error(error.message),
          crashed: ({ error, exitCode }) => error ?? new Error(`a verification worker stopped (exit code ${exitCode})`),
          shuttingDown: () => new Error('the verification is over'),
        },
      })
    : undefined;
  return new Promise<RenderedOutcome[]>((resolve, reject) => {
    const outcomes: RenderedOutcome[] = new Array(files.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const finish = (error?: unknown): void => {
      if (failed) return;
      if (error) failed = true;
      void pool?.close();
      if (error) reject(error);
      else resolve(outcomes);
    };
    const record = (id: number, rendered: RenderedOutcome): void => {
      outcomes[id] = rendered;
      onDone();
      if (++done === files.length) finish();
    };
    const feed = (): void => {
      if (!pool || next >= files.length || failed) return;
      const id = next++;
      pool.run(files[id]!).then((rendered) => {
        record(id, rendered);
        feed();
      }, finish);
    };
    for (let i = 0; i < workerCount * IN_FLIGHT; i++) feed();
    const clock = options.time === undefined ? systemClock : fixedClock(options.time);
    const verifier = createVerifier(options.trustAnchors);
    void (async () => {
      while (next < files.length && !failed) {
        const id = next++;
        record(id, renderOutcome(await verifyFile(files[id]!, verifier, clock), options.output));
        // Verification resolves in microtasks only: yield, so the workers' messages are handled and they are fed.
        if (pool) await new Promise((resolve) => setImmediate(resolve));
      }
    })().catch(finish);
    if (files.length === 0) finish();
  });
}
