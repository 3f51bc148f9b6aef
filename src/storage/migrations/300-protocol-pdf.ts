/**
 * A document version made from a protocol PDF uploaded by the secretary (issue 16) names that PDF's blob
 * (pdf_blobs, by SHA-256): a revision re-assembles the document from the same protocol. Null for an
 * extract we lay out ourselves.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('document_versions', (t) => {
    t.string('protocol_pdf_sha256', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('document_versions', (t) => {
    t.dropColumn('protocol_pdf_sha256');
  });
}
