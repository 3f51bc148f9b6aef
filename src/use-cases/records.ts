/**
 * What the edges (server/, cli/) name of storage without reaching it: the database handle that the
 * composition root opens and hands to the use cases, and the records the use cases return. The edges read
 * and write only through use cases; these are the types of what goes in and comes out. The states they
 * carry are the domain's (domain/extract-lifecycle.ts).
 */
export type { Database, Db } from '../storage/db';
export type { AnslagRecord } from '../storage/anslag-repository';
export type { AuditEventRow } from '../storage/audit-repository';
export type { ExtractDescription, ExtractRow } from '../storage/extracts-repository';
export type { OutboxMailRow } from '../storage/outbox-repository';
export type { PdfRevisionRow } from '../storage/pdf-revisions-repository';
