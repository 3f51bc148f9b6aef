/**
 * The first schema. Times are ISO 8601 UTC strings (they sort as text and hash identically on both
 * databases); PDF bytes live once per SHA-256 in pdf_blobs and revisions only point at them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('extracts', (t) => {
    t.string('id', 40).primary();
    t.string('state', 32).notNullable();
    t.string('signing_order', 16).notNullable();
    t.text('body').notNullable();
    t.string('meeting_date', 10).notNullable();
    t.string('paragraphs', 200).notNullable();
    t.text('title').notNullable();
    t.string('case_number', 100);
    t.string('deadline', 10).notNullable();
    t.integer('current_version').notNullable();
    t.string('created_by', 200).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['state']);
  });
  await knex.schema.createTable('document_versions', (t) => {
    t.string('extract_id', 40).notNullable().references('id').inTable('extracts');
    t.integer('version').notNullable();
    t.text('extract_json').notNullable();
    t.string('verification_code', 64);
    t.string('created_by', 200).notNullable();
    t.string('created_at', 30).notNullable();
    t.primary(['extract_id', 'version']);
    t.unique(['verification_code']);
  });
  await knex.schema.createTable('pdf_blobs', (t) => {
    t.string('sha256', 64).primary();
    t.binary('bytes').notNullable();
    t.integer('size').notNullable();
    t.string('created_at', 30).notNullable();
  });
  await knex.schema.createTable('pdf_revisions', (t) => {
    t.string('extract_id', 40).notNullable();
    t.integer('version').notNullable();
    t.integer('seq').notNullable();
    t.string('sha256', 64).notNullable().references('sha256').inTable('pdf_blobs');
    t.string('kind', 20).notNullable();
    t.string('field', 64);
    t.string('created_at', 30).notNullable();
    t.primary(['extract_id', 'version', 'seq']);
    t.foreign(['extract_id', 'version']).references(['extract_id', 'version']).inTable('document_versions');
  });
  await knex.schema.createTable('signers', (t) => {
    t.string('extract_id', 40).notNullable();
    t.integer('version').notNullable();
    t.string('field', 64).notNullable();
    t.string('role', 16).notNullable();
    t.text('name').notNullable();
    t.string('personnummer', 20);
    t.string('email', 320);
    t.string('state', 16).notNullable();
    t.string('invitation_jti', 64);
    t.text('invitation_token');
    t.string('invitation_expires_at', 30);
    t.string('invited_at', 30);
    t.string('link_opened_at', 30);
    t.string('signed_at', 30);
    t.string('signer_subject', 200);
    t.string('acr', 200);
    t.string('declined_at', 30);
    t.text('decline_comment');
    t.string('last_reminded_at', 30);
    t.integer('reminder_count').notNullable().defaultTo(0);
    t.primary(['extract_id', 'version', 'field']);
    t.foreign(['extract_id', 'version']).references(['extract_id', 'version']).inTable('document_versions');
    t.index(['invitation_jti']);
  });
  await knex.schema.createTable('audit_events', (t) => {
    t.increments('id').primary();
    t.string('extract_id', 40).notNullable().references('id').inTable('extracts');
    t.integer('seq').notNullable();
    t.string('at', 30).notNullable();
    t.string('type', 32).notNullable();
    t.string('actor', 300).notNullable();
    t.text('details').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['extract_id', 'seq']);
  });
  await knex.schema.createTable('outbox_mails', (t) => {
    t.increments('id').primary();
    t.string('extract_id', 40);
    t.string('to_address', 320).notNullable();
    t.text('subject').notNullable();
    t.text('text').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('sent_at', 30);
    t.index(['extract_id']);
  });
  await knex.schema.createTable('api_keys', (t) => {
    t.string('id', 40).primary();
    t.string('name', 200).notNullable();
    t.string('key_hash', 64).notNullable().unique();
    t.string('scopes', 500).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
    t.string('last_used_at', 30);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['api_keys', 'outbox_mails', 'audit_events', 'signers', 'pdf_revisions', 'pdf_blobs', 'document_versions', 'extracts']) {
    await knex.schema.dropTableIfExists(table);
  }
}
