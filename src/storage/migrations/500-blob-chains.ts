/**
 * A PDF revision made by an incremental update begins with every byte of the revision before it, so
 * pdf_blobs stores only what it appends: `base_sha256` names the blob it extends and `bytes` holds the
 * rest (`size` stays the whole file's). Five revisions of a 200 kB extract then take about 300 kB instead of
 * a megabyte, and a signature writes tens of kilobytes, not the whole file again. Rows stored before this
 * migration, and every first revision, hold the whole file (base_sha256 null).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pdf_blobs', (t) => {
    t.string('base_sha256', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pdf_blobs', (t) => {
    t.dropColumn('base_sha256');
  });
}
