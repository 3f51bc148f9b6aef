/**
 * A document version made from an uploaded protocol keeps what its assembly read and picked (issue 16
 * items 3 and 4): the text of the protocol's pages kept, for the signing page (JSON, ProtocolPageText[]),
 * the pages the secretary picked for one § (JSON, numbers), which a revision keeps, and what the assembly
 * kept, removed and claims (JSON, ProtocolConversionNotes), which the secretary's page tells. All null for
 * an extract we lay out; the pages null too when the whole protocol was kept, the text null for a version
 * made before this migration (its signing page says that only the PDF holds the text).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('document_versions', (t) => {
    t.text('protocol_text').nullable();
    t.text('protocol_pages').nullable();
    t.text('protocol_conversion').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('document_versions', (t) => {
    t.dropColumn('protocol_text');
    t.dropColumn('protocol_pages');
    t.dropColumn('protocol_conversion');
  });
}
