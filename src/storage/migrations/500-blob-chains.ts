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

/** Blobs given their whole bytes back per statement on the way down. */
const DOWN_BATCH = 100;

interface ChainedRow {
  sha256: string;
  bytes: Buffer;
  base_bytes: Buffer;
}

/**
 * Every blob that extends another gets its whole bytes back before the column goes, those nearest a whole
 * file first (their base is whole, so the next pass finds the ones above them whole-based too). A chain
 * whose base is missing cannot be made whole: the migration stops rather than lose what it names.
 */
export async function down(knex: Knex): Promise<void> {
  for (;;) {
    const rows = (await knex('pdf_blobs as b')
      .join('pdf_blobs as base', 'base.sha256', 'b.base_sha256')
      .whereNull('base.base_sha256')
      .select('b.sha256', 'b.bytes', 'base.bytes as base_bytes')
      .limit(DOWN_BATCH)) as ChainedRow[];
    if (rows.length === 0) break;
    for (const row of rows) await knex('pdf_blobs').where({ sha256: row.sha256 }).update({ bytes: Buffer.concat([row.base_bytes, row.bytes]), base_sha256: null });
  }
  const broken = (await knex('pdf_blobs').whereNotNull('base_sha256').select('sha256', 'base_sha256').first()) as { sha256: string; base_sha256: string } | undefined;
  if (broken) throw new Error(`blob ${broken.sha256} extends blob ${broken.base_sha256}, which is missing: its whole bytes cannot be restored`);
  await knex.schema.alterTable('pdf_blobs', (t) => {
    t.dropColumn('base_sha256');
  });
}
