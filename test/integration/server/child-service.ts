/**
 * The service as a separate process (`node bin/justera.js serve`, compiled by `npm run build`), for the tests
 * that need several instances on one database or must SIGKILL one mid-signature.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface ChildService {
  baseUrl: string;
  process: ChildProcess;
  output: string[];
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnService(env: Record<string, string>, port: number): Promise<ChildService> {
  if (!existsSync(join(root, 'dist/src/cli/commands/serve.js'))) throw new Error('run `npm run build` first: the child service runs from dist/');
  const child = spawn(process.execPath, [join(root, 'bin/justera.js'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOAD_EXAMPLE: '0', JOB_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      output.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) => {
    const seen = output.find((line) => pattern.test(line));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolveLine, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`)), timeoutMs);
      waiters.push({ pattern, resolve: (line) => { clearTimeout(timer); resolveLine(line); } });
      void exited.then(() => { clearTimeout(timer); reject(new Error(`the service exited before ${pattern}:\n${output.slice(-20).join('\n')}`)); });
    });
  };
  await waitForOutput(/Justera listens on/);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    output,
    waitForOutput,
    exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
