/**
 * Fresh databases for tests: a SQLite file in a temporary folder, or a PostgreSQL schema of its own
 * (JUSTERA_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test), so parallel test files never collide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { migrateToLatest, openDatabase, type Database, type DatabaseTarget } from '../../../src/storage/db';

export type TestDialect = 'sqlite' | 'postgres';

export const pgUrl = process.env.JUSTERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const dialects: TestDialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  db: Database;
  target: DatabaseTarget;
  /** The env variables that point a child service process at the same database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createTestTarget(dialect: TestDialect): Promise<{ target: DatabaseTarget; env: Record<string, string>; cleanup(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'justera-db-'));
    const file = join(dir, 'justera.sqlite');
    return { target: { kind: 'sqlite', file }, env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    target: { kind: 'postgres', url: pgUrl, schema },
    env: { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema },
    cleanup: async () => {
      const admin = knexFactory({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 1 } });
      try {
        await admin.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const { target, env, cleanup } = await createTestTarget(dialect);
  const db = await openDatabase(target);
  await migrateToLatest(db);
  return {
    db,
    target,
    env,
    dispose: async () => {
      await db.close();
      await cleanup();
    },
  };
}
