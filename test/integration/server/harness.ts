/**
 * A whole service on 127.0.0.1 for HTTP tests: a fresh database (SQLite or a PostgreSQL schema of its own),
 * a generated keys folder, the real login layer with the demo provider, and an API key with every scope.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { systemClock, type Clock } from '../../../src/clock';
import { loadServiceConfig } from '../../../src/config/service-config';
import { initKeys, loadKeys, type KeyMaterial } from '../../../src/ca/keys-folder';
import { buildService, type BuildOptions, type BuiltService } from '../../../src/server/bootstrap';
import { createApiKey } from '../../../src/use-cases/api-keys';
import { startEphemeralServer } from '../../helpers/ephemeral-server';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../storage/test-database';

export interface TestService {
  baseUrl: string;
  built: BuiltService;
  database: TestDatabase;
  apiKey: string;
  keysDir: string;
  sessionSecret: string;
  close(): Promise<void>;
}

let sharedKeys: { dir: string } | undefined;

/** One generated keys folder per test file (RSA key generation is slow); removed at process exit. */
export function testKeysDir(): string {
  if (!sharedKeys) {
    const dir = mkdtempSync(join(tmpdir(), 'justera-keys-'));
    initKeys(dir, { organisation: 'Testkommunen', publicBaseUrl: 'http://127.0.0.1', clock: systemClock });
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    sharedKeys = { dir };
  }
  return sharedKeys.dir;
}

export function testKeys(): KeyMaterial {
  return loadKeys(testKeysDir());
}

export async function startTestService(options: {
  dialect: TestDialect;
  engines?: BuildOptions['engines'];
  clock?: Clock;
  env?: Record<string, string>;
  database?: TestDatabase;
  /** The public side (anslag, public verification); default on with the real engines only. */
  publicSide?: boolean;
  /** Requests per minute per client; default 0 (off). */
  rateLimitPerMinute?: number;
  /** Login starts per minute per client; default 0 (off). */
  loginPerMinute?: number;
}): Promise<TestService> {
  const database = options.database ?? (await createTestDatabase(options.dialect));
  const dataDir = mkdtempSync(join(tmpdir(), 'justera-data-'));
  const keysDir = testKeysDir();
  const sessionSecret = randomBytes(32).toString('base64url');
  let built: BuiltService | undefined;
  const server = await startEphemeralServer(async (baseUrl) => {
    const env = { PUBLIC_BASE_URL: baseUrl, DATA_DIR: dataDir, KEYS_DIR: keysDir, SESSION_SECRET: sessionSecret, LOG_LEVEL: 'silent', ...options.env };
    const config = loadServiceConfig(env);
    built = await buildService(config, {
      env,
      db: database.db,
      logger: pino({ level: process.env.JUSTERA_TEST_LOG ?? 'silent' }, pino.destination({ dest: 2, sync: true })),
      publicSide: options.publicSide ?? options.engines === undefined,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.engines ? { engines: options.engines } : {}),
    }, { rateLimitPerMinute: options.rateLimitPerMinute ?? 0, loginPerMinute: options.loginPerMinute ?? 0 });
    return built.app;
  });
  const service = built!;
  const { key } = await createApiKey(database.db.knex, { name: 'test', scopes: ['extracts:read', 'extracts:write', 'audit:read', 'admin'], at: new Date() });
  return {
    baseUrl: server.baseUrl,
    built: service,
    database,
    apiKey: key,
    keysDir,
    sessionSecret,
    close: async () => {
      await server.close();
      await service.close();
      if (!options.database) await database.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api(service: TestService, method: string, path: string, body?: unknown, key = service.apiKey): Promise<{ status: number; json: any }> {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}
