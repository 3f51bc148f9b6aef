/**
 * The sessions table (issue 11): one row per login session, so that logout and the idle timeout hold on
 * every process sharing the database. The browser's cookie names its row by a random id; only the SHA-256
 * of that id is stored, so a database leak gives no usable cookie. Times are ISO 8601 UTC, as in 001-initial.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.string('id_hash', 64).primary();
    t.string('created_at', 30).notNullable();
    /** Pushed forward when the session is used; the session ends when it passes. */
    t.string('idle_expires_at', 30).notNullable();
    /** The absolute lifetime: never moves. */
    t.string('expires_at', 30).notNullable();
    t.index(['idle_expires_at']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sessions');
}
