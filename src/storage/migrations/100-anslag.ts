/**
 * The anslag table (issue 7): one row per notice on the digital anslagstavla. Dates are calendar dates in
 * Stockholm ('YYYY-MM-DD'), times ISO 8601 UTC, as in 001-initial; the PDFs live in pdf_blobs.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('anslag', (t) => {
    t.string('id', 40).primary();
    t.string('extract_id', 40).notNullable().references('id').inTable('extracts');
    t.integer('version').notNullable();
    t.string('kind', 16).notNullable();
    t.text('body').notNullable();
    t.string('meeting_date', 10).notNullable();
    t.string('paragraphs', 200).notNullable();
    t.text('title').notNullable();
    t.string('case_number', 100);
    t.text('storage_location').notNullable();
    t.string('verification_code', 64);
    t.text('signers_json').notNullable();
    t.string('justerad_at', 30).notNullable();
    t.string('justerad_on', 10).notNullable();
    t.string('posted_on', 10).notNullable();
    t.string('appeal_ends_on', 10).notNullable();
    t.string('takedown_on', 10).notNullable();
    t.string('pdf_sha256', 64).notNullable().references('sha256').inTable('pdf_blobs');
    t.string('notice_pdf_sha256', 64).notNullable().references('sha256').inTable('pdf_blobs');
    t.string('state', 16).notNullable();
    t.string('published_at', 30);
    t.string('taken_down_at', 30);
    t.text('search_text').notNullable();
    t.string('created_at', 30).notNullable();
    t.unique(['extract_id', 'version', 'kind']);
    t.index(['posted_on', 'takedown_on']);
    t.index(['verification_code']);
    t.index(['state']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('anslag');
}
