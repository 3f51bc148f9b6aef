/**
 * PostgreSQL keeps the PDF bytes of pdf_blobs out of line without compressing them (STORAGE EXTERNAL): a
 * PDF's streams are Flate-compressed already, so pglz won about a tenth of the space (15.7 of 17.7 MB over
 * a benchmark's 330 blobs) for about 0.7 ms of server CPU per signature, a quarter of what the database
 * spends on one (issue 13). Rows written before keep the form they have. SQLite stores blobs as they are.
 */
import type { Knex } from 'knex';

async function setBlobStorage(knex: Knex, storage: 'external' | 'extended'): Promise<void> {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw(`alter table pdf_blobs alter column bytes set storage ${storage}`);
}

export async function up(knex: Knex): Promise<void> {
  await setBlobStorage(knex, 'external');
}

/** Back to PostgreSQL's default for bytea, which compresses. */
export async function down(knex: Knex): Promise<void> {
  await setBlobStorage(knex, 'extended');
}
