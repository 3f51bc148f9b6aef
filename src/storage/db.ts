/**
 * Opens the database: SQLite (better-sqlite3) by default, PostgreSQL when a URL is given. This module and
 * the repositories next to it are the only knex users; they hold no business rules.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations/index';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  /** `schema` isolates one test run (created when missing); production uses the default search path. */
  | { kind: 'postgres'; url: string; schema?: string; poolMax?: number };

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

/** A knex handle that may be the database or a transaction: repositories accept either. */
export type Db = Knex | Knex.Transaction;

/**
 * Writes to different tables as one: on PostgreSQL one statement of data-modifying CTEs, so a signature's
 * writes cost one round trip (each is a loopback write and a parse on both sides, most of the service's
 * main-thread time there), with the foreign keys checked at its end; on SQLite, where a statement is a call
 * in-process, one after the other. The writes must not read what their siblings write (a CTE sees the
 * snapshot before the statement).
 */
export async function writeTogether(db: Db, dialect: Dialect, writes: readonly Knex.QueryBuilder[]): Promise<void> {
  if (dialect === 'sqlite' || writes.length < 2) {
    for (const write of writes) await write;
    return;
  }
  const compiled = writes.map((write) => write.toSQL());
  const text = `with ${compiled.map((c, i) => `w${i} as (${c.sql})`).join(', ')} select 1`;
  await db.raw(text, compiled.flatMap((c) => [...c.bindings]));
}

/** The rows of a `db.raw` select: knex hands back better-sqlite3's rows as they are and node-postgres's whole result. */
export function rawRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): unknown;
}

/** Distinct SQL texts kept prepared per connection; the service's queries are far fewer. */
const PREPARED_STATEMENTS = 256;

/**
 * knex's better-sqlite3 client compiles every query again (`prepare` for each call, a tenth of the main
 * thread under load); a statement is reusable once run, and knex runs each to completion before the next
 * (all() / run()), so the same SQL text gets the statement prepared the first time.
 */
function cachePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const statements = new Map<string, unknown>();
  conn.prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (statements.size >= PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
    } else {
      statements.delete(source);
    }
    statements.set(source, statement);
    return statement;
  };
}

interface PgQueryConfig {
  text?: unknown;
  values?: unknown;
  name?: unknown;
}

interface PgConnection {
  query(config: unknown, ...rest: unknown[]): unknown;
}

/** Distinct SQL texts named per PostgreSQL connection; the rest run unnamed, as knex sends them. */
const NAMED_STATEMENTS = 256;
/** Texts counted until their second run; the counts start over beyond this (one-off texts never pile up). */
const COUNTED_TEXTS = 1024;
/** feature_not_supported: "cached plan must not change result type". */
const CACHED_PLAN_CHANGED = '0A000';
/** Plain data statements only: a named utility statement (DDL) would outlive the schema it was planned on. */
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * knex sends every PostgreSQL query unnamed, so the server parses and plans it again each time. A text run
 * twice on a connection gets a name from its hash: node-postgres then parses it once per connection and
 * only binds and executes it afterwards (the server re-plans it itself when a table it reads changes).
 * A statement that fails to parse is never marked as parsed, so it is sent in full again next time. One
 * whose result columns changed under it (`select *` after another process migrated) fails once with
 * 0A000 and runs unnamed from then on.
 */
function nameRepeatedStatements(conn: PgConnection): void {
  const query = conn.query.bind(conn);
  const named = new Map<string, string>();
  const seen = new Set<string>();
  conn.query = (config: unknown, ...rest: unknown[]) => {
    const statement = typeof config === 'object' && config !== null ? (config as PgQueryConfig) : {};
    const text = statement.text;
    if (typeof text === 'string' && statement.name === undefined && Array.isArray(statement.values) && statement.values.length > 0 && NAMEABLE.test(text)) {
      let name = named.get(text);
      if (name === undefined && named.size < NAMED_STATEMENTS) {
        if (seen.has(text)) {
          name = `j_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
          named.set(text, name);
          seen.delete(text);
        } else {
          if (seen.size >= COUNTED_TEXTS) seen.clear();
          seen.add(text);
        }
      }
      if (name) {
        const done = rest[0];
        if (typeof done !== 'function') return query({ ...statement, name }, ...rest);
        return query({ ...statement, name }, (error: { code?: unknown } | null, result: unknown) => {
          if (error?.code === CACHED_PLAN_CHANGED) named.set(text, '');
          (done as (error: unknown, result: unknown) => void)(error, result);
        });
      }
    }
    return query(config, ...rest);
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.file },
      useNullAsDefault: true,
      pool: {
        // One connection: better-sqlite3 is synchronous, so a single connection is the fastest and it
        // serializes every write transaction of this process, which is what per-document locking needs.
        min: 1,
        max: 1,
        afterCreate: (conn: SqliteConnection, done: (error: Error | null, conn: SqliteConnection) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('busy_timeout = 10000');
          conn.pragma('foreign_keys = ON');
          cachePreparedStatements(conn);
          done(null, conn);
        },
      },
    });
    return { knex, dialect: 'sqlite', close: () => knex.destroy() };
  }
  if (target.schema !== undefined) {
    const admin = knexFactory({ client: 'pg', connection: target.url, pool: { min: 0, max: 1 } });
    try {
      await admin.raw('create schema if not exists ??', [target.schema]);
    } finally {
      await admin.destroy();
    }
  }
  const knex = knexFactory({
    client: 'pg',
    connection: target.url,
    searchPath: target.schema === undefined ? undefined : [target.schema],
    pool: {
      min: 0,
      max: target.poolMax ?? 10,
      afterCreate: (conn: PgConnection, done: (error: Error | null, conn: PgConnection) => void) => {
        nameRepeatedStatements(conn);
        done(null, conn);
      },
    },
  });
  return { knex, dialect: 'postgres', close: () => knex.destroy() };
}

/** Brings the schema to the latest migration; several processes may call it at once (knex's lock table). */
export async function migrateToLatest(db: Database): Promise<void> {
  await db.knex.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
}

/** True when the database answers a trivial query (for /readyz). */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.knex.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
