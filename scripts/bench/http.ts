/**
 * Signatures per second end to end over HTTP: the service runs as its own process (dist/, as `npm start`
 * runs it) on SQLite and then on PostgreSQL; this process creates and sends extracts through the API and
 * then signs their fields with a bounded number of concurrent requests on 127.0.0.1, measuring each request.
 * Sessions are minted with the service's own session sealing (the OpenID login is not what is measured).
 * Goals (issue 13): SQLite ≥ 150 signatures/s with p99 < 100 ms, PostgreSQL ≥ 100/s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src/clock';
import { DEMO_ACR, DEMO_PERSONS } from '../../src/server/auth/index';
import { deriveKey } from '../../src/server/auth/secrets';
import { SESSION_COOKIE, SessionCookies } from '../../src/server/auth/session';
import { SessionStore } from '../../src/use-cases/login-sessions';
import type { AuthenticatedPerson } from '../../src/server/auth/person';
import { migrateToLatest, openDatabase, type Database, type DatabaseTarget } from '../../src/storage/db';
import { packageRoot } from '../../src/config/paths';
import { API_SCOPES, createApiKey } from '../../src/use-cases/api-keys';

const root = packageRoot(__dirname);
// 900 measured signatures: a p99 of 300 would be the third slowest request, one GC or checkpoint away from another.
const EXTRACTS = Number(process.env.BENCH_HTTP_EXTRACTS ?? 300);
const WARMUP_EXTRACTS = 5;
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 4);
const GOALS: Record<string, { perSecond: number; p99Ms?: number }> = { SQLite: { perSecond: 150, p99Ms: 100 }, PostgreSQL: { perSecond: 100 } };
const PG_URL = process.env.JUSTERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startService(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_SERVICE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin/justera.js'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOAD_EXAMPLE: '0', JOB_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Justera listens on')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`the service exited (${code}) before listening:\n${seen}`)));
  });
}

/** A session as the service's login would make it: a row in the shared database, its cookie and CSRF token. */
async function sessionHeaders(db: Database, secret: string, id: string): Promise<Record<string, string>> {
  const demo = DEMO_PERSONS.find((p) => p.id === id)!;
  const person: AuthenticatedPerson = {
    subject: `demo-${demo.id}`,
    name: `${demo.givenName} ${demo.surname}`,
    givenName: demo.givenName,
    surname: demo.surname,
    personnummer: demo.personnummer,
    email: demo.email,
    acr: DEMO_ACR,
    roles: [...demo.roles],
  };
  const sessions = new SessionCookies(
    { session: deriveKey(secret, 'session'), loginTransaction: deriveKey(secret, 'login-transaction'), csrf: deriveKey(secret, 'session-csrf') },
    false,
    systemClock,
    new SessionStore(db.knex, { idleSeconds: 30 * 60, lifetimeSeconds: 8 * 60 * 60 }, systemClock),
  );
  const { cookieValue, csrfToken } = await sessions.createSession(person);
  return { cookie: `${SESSION_COOKIE}=${cookieValue}`, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

function extractJson(index: number): Record<string, unknown> {
  const example = JSON.parse(readFileSync(join(root, 'examples/extract-ha-2023-418-p12.json'), 'utf8')) as Record<string, unknown>;
  const asa = DEMO_PERSONS.find((p) => p.id === 'asa')!;
  const participants = example.participants as { adjusters: unknown[] };
  return {
    ...example,
    title: `${String(example.title)} (bench ${index})`,
    participants: { ...participants, adjusters: [...participants.adjusters, { name: `${asa.givenName} ${asa.surname}`, personnummer: asa.personnummer, email: asa.email }] },
  };
}

/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's utime and stime. */
const CLOCK_TICKS = 100;

interface CpuReading {
  /** Main thread and worker threads together. */
  process: number;
  /** The main thread alone: HTTP and the transaction; the rest is the engine workers (and V8's helpers). */
  mainThread: number;
}

/** utime + stime of a /proc stat file, in milliseconds. */
function statCpuMs(file: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * CPU milliseconds the service has used (/proc/<pid>/stat, and its main thread's task); the machine's other
 * load does not count, so these are the figures to compare on a shared machine.
 */
function processCpuMs(pid: number | undefined): CpuReading | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  return { process: statCpuMs(file), mainThread: statCpuMs(`/proc/${pid}/task/${pid}/stat`) };
}

/**
 * POST on a kept-alive connection, the answer read and dropped: node:http costs this process about half the
 * CPU of fetch per request, and on a small machine what the client spends the service cannot.
 */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

interface Job {
  token: string;
  person: string;
}

async function benchDatabase(label: string, target: DatabaseTarget, env: Record<string, string>): Promise<void> {
  const db = await openDatabase(target);
  let child: ChildProcess | undefined;
  try {
    await migrateToLatest(db);
    const { key } = await createApiKey(db.knex, { name: 'bench', scopes: [...API_SCOPES], at: new Date() });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString('base64url');
    child = await startService({ ...env, PORT: String(port), PUBLIC_BASE_URL: base, SESSION_SECRET: secret, KEYS_DIR: join(root, 'keys-example') });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const persons: Record<string, string> = { ordforande: 'johan', 'justerare-1': 'sara', 'justerare-2': 'asa' };
    // Justerare first, the ordförande last: the last signature of each extract also appends the document
    // timestamp, verifies the document and posts its anslag.
    const fieldOrder = ['justerare-1', 'justerare-2', 'ordforande'];
    const extracts: Job[][] = [];
    for (let i = 0; i < WARMUP_EXTRACTS + EXTRACTS; i++) {
      const created = (await (await fetch(`${base}/api/v1/extracts`, { method: 'POST', headers, body: JSON.stringify(extractJson(i)) })).json()) as { id: string };
      const sent = (await (await fetch(`${base}/api/v1/extracts/${created.id}/send`, { method: 'POST', headers })).json()) as { signers: { field: string; invitationUrl: string }[] };
      const jobOf = (field: string): Job => ({ token: sent.signers.find((s) => s.field === field)!.invitationUrl.split('/invitation/')[1]!, person: persons[field]! });
      extracts.push(fieldOrder.map(jobOf));
    }
    const sessions: Record<string, Record<string, string>> = {};
    for (const id of ['johan', 'sara', 'asa']) sessions[id] = await sessionHeaders(db, secret, id);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const sign = async (job: Job): Promise<number> => {
      const start = performance.now();
      const status = await post(agent, `${base}/api/v1/invitations/${job.token}/sign`, sessions[job.person]!, '{}');
      if (status !== 200) throw new Error(`signature answered ${status}`);
      return performance.now() - start;
    };
    // The warm-up signs whole extracts, so every kind of request has run before the clock starts: what is
    // measured is the steady state, not the first compilation of the ordförande's path.
    // The first extract after the start runs each path cold: what the first signers after a restart wait.
    const cold: number[] = [];
    for (const job of extracts[0]!) cold.push(await sign(job));
    for (const jobs of extracts.slice(1, WARMUP_EXTRACTS)) for (const job of jobs) await sign(job);
    const rest = extracts.slice(WARMUP_EXTRACTS);
    const measured = fieldOrder.flatMap((_, index) => rest.map((jobs) => jobs[index]!));
    const latencies: number[] = [];
    let next = 0;
    const cpuBefore = processCpuMs(child.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < measured.length) latencies.push(await sign(measured[next++]!));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = processCpuMs(child.pid);
    const client = process.cpuUsage(clientBefore);
    latencies.sort((a, b) => a - b);
    const perSecond = latencies.length / seconds;
    const p50 = latencies[Math.floor(latencies.length / 2)]!;
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!;
    const perSignature = (field: keyof CpuReading): string => ((cpuAfter![field] - cpuBefore![field]) / latencies.length).toFixed(1);
    const cpu = cpuBefore && cpuAfter ? `  service CPU ${perSignature('process')} ms/signature (main thread ${perSignature('mainThread')}; this client ${((client.user + client.system) / 1000 / latencies.length).toFixed(1)})` : '';
    const goal = GOALS[label];
    const verdict = goal ? `  (goal ≥ ${goal.perSecond}/s${goal.p99Ms ? `, p99 < ${goal.p99Ms} ms` : ''}: ${perSecond >= goal.perSecond && (!goal.p99Ms || p99 < goal.p99Ms) ? 'met' : 'NOT met'})` : '';
    const coldMs = cold.map((ms, index) => `${fieldOrder[index]} ${ms.toFixed(0)}`).join(', ');
    console.log(`${`HTTP signatures, ${label}, ${CONCURRENCY} concurrent`.padEnd(60)} ${perSecond.toFixed(1)}/s  p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  over ${latencies.length} signatures${cpu}${verdict}  (first signatures after the start, one at a time, ms: ${coldMs})`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    if (target.kind === 'postgres' && target.schema) await db.knex.raw('drop schema if exists ?? cascade', [target.schema]);
    await db.close();
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'justera-bench-http-'));
  try {
    await benchDatabase('SQLite', { kind: 'sqlite', file: join(dir, 'justera.sqlite') }, { DATA_DIR: dir });
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await benchDatabase('PostgreSQL', { kind: 'postgres', url: PG_URL, schema }, { DATA_DIR: dir, DATABASE_URL: url.toString() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
