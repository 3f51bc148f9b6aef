import { createTestDatabase, dialects, type TestDatabase } from './test-database';
import { insertDocumentVersion, insertExtract, findExtract, type ExtractRow } from '../../../src/storage/extracts-repository';
import { blobsInsert, chainBlobs, findHeadRevision, getBlob, insertRevision, putBlob, putBlobs, revisionsInsert, sha256Hex } from '../../../src/storage/pdf-revisions-repository';
import { withExtractLock } from '../../../src/storage/transactions';
import { findApiKeyByHash, insertApiKey } from '../../../src/storage/api-keys-repository';
import { migrateToLatest, writeTogether } from '../../../src/storage/db';
import { migrationSource } from '../../../src/storage/migrations/index';

const at = '2026-01-01T00:00:00.000Z';

function extractRow(id: string): ExtractRow {
  return {
    id, state: 'draft', signingOrder: 'parallel', body: 'Hälsonämnden', meetingDate: '2023-09-21', paragraphs: '12',
    title: 'T', caseNumber: 'HA 2023/418', deadline: '2023-10-05', currentVersion: 1, createdBy: 'test', createdAt: at, updatedAt: at,
  };
}

describe.each(dialects)('storage on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('migrations are idempotent', async () => {
    await migrateToLatest(t.db);
    expect(await t.db.knex.schema.hasTable('audit_events')).toBe(true);
  });

  it('stores PDF bytes once per hash and keeps every revision', async () => {
    const k = t.db.knex;
    await insertExtract(k, extractRow('e1'));
    await insertDocumentVersion(k, { extractId: 'e1', version: 1, extractJson: '{}', verificationCode: 'C1', createdBy: 'test', createdAt: at });
    const first = Buffer.from('%PDF-1.7 first');
    const second = Buffer.concat([first, Buffer.from(' second')]);
    const sha1 = await putBlob(k, first, at);
    expect(await putBlob(k, first, at)).toBe(sha1);
    const sha2 = await putBlob(k, second, at);
    await insertRevision(k, { extractId: 'e1', version: 1, seq: 0, sha256: sha1, kind: 'assembled', field: null, createdAt: at });
    await insertRevision(k, { extractId: 'e1', version: 1, seq: 1, sha256: sha2, kind: 'signed', field: 'ordforande', createdAt: at });
    // A revision is never overwritten: the same (extract, version, seq) again violates the primary key.
    await expect(insertRevision(k, { extractId: 'e1', version: 1, seq: 1, sha256: sha1, kind: 'signed', field: 'x', createdAt: at })).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_PRIMARYKEY|23505)$/) });
    const head = await findHeadRevision(k, 'e1', 1);
    expect(head?.seq).toBe(1);
    expect(sha256Hex(await getBlob(k, head!.sha256) as Buffer)).toBe(sha2);
    expect((await getBlob(k, sha1))?.equals(first)).toBe(true);
  });

  it('stores an incremental update as the bytes it appends and reads the whole file back', async () => {
    const k = t.db.knex;
    const assembled = Buffer.from('%PDF-1.7 assembled and sealed\n%%EOF\n');
    const signed = Buffer.concat([assembled, Buffer.from('signature update\n%%EOF\n')]);
    const timestamped = Buffer.concat([signed, Buffer.from('document timestamp\n%%EOF\n')]);
    const rewritten = Buffer.from('%PDF-1.7 written anew, not an update of the one before');
    const base = { sha256: await putBlob(k, assembled, at), bytes: assembled };
    const blobs = chainBlobs(base, [signed, timestamped, rewritten].map((bytes) => ({ sha256: sha256Hex(bytes), bytes })));
    expect(blobs.map((blob) => blob.base?.size)).toEqual([assembled.length, signed.length, undefined]);
    await putBlobs(k, blobs, at);
    for (const bytes of [assembled, signed, timestamped, rewritten]) expect((await getBlob(k, sha256Hex(bytes)))?.equals(bytes)).toBe(true);
    const rows = (await k('pdf_blobs').select('sha256', 'base_sha256', 'bytes', 'size').whereIn('sha256', blobs.map((blob) => blob.sha256))) as { sha256: string; base_sha256: string | null; bytes: Buffer; size: number }[];
    const row = (bytes: Buffer) => rows.find((r) => r.sha256 === sha256Hex(bytes))!;
    expect(row(timestamped)).toMatchObject({ base_sha256: sha256Hex(signed), size: timestamped.length });
    expect(row(timestamped).bytes.equals(Buffer.from('document timestamp\n%%EOF\n'))).toBe(true);
    expect(row(rewritten)).toMatchObject({ base_sha256: null, size: rewritten.length });
  });

  it('gives every chained blob its whole bytes back when the migration is undone', async () => {
    const separate = await createTestDatabase(dialect);
    try {
      const k = separate.db.knex;
      const assembled = Buffer.from('%PDF-1.7 whole\n%%EOF\n');
      const versions = [assembled, Buffer.concat([assembled, Buffer.from('one\n')]), Buffer.concat([assembled, Buffer.from('one\ntwo\n')])];
      const base = { sha256: await putBlob(k, assembled, at), bytes: assembled };
      await putBlobs(k, chainBlobs(base, versions.slice(1).map((bytes) => ({ sha256: sha256Hex(bytes), bytes }))), at);
      await k.migrate.down({ migrationSource, tableName: 'knex_migrations', name: '500-blob-chains' });
      expect(await k.schema.hasColumn('pdf_blobs', 'base_sha256')).toBe(false);
      for (const bytes of versions) {
        const row = (await k('pdf_blobs').where({ sha256: sha256Hex(bytes) }).first()) as { bytes: Buffer };
        expect(row.bytes.equals(bytes)).toBe(true);
      }
    } finally {
      await separate.dispose();
    }
  });

  it('refuses to read a file whose chain of blobs is broken', async () => {
    const k = t.db.knex;
    const missing = Buffer.from('%PDF-1.7 never stored');
    const appended = Buffer.concat([missing, Buffer.from(' update')]);
    await putBlobs(k, [{ sha256: sha256Hex(appended), bytes: appended, base: { sha256: sha256Hex(missing), size: missing.length } }], at);
    await expect(getBlob(k, sha256Hex(appended))).rejects.toThrow(`extends blob ${sha256Hex(missing)}, which is missing from pdf_blobs`);
  });

  it('writes together a blob and the revision that names it, or neither', async () => {
    const k = t.db.knex;
    await insertExtract(k, extractRow('e-together'));
    await insertDocumentVersion(k, { extractId: 'e-together', version: 1, extractJson: '{}', verificationCode: 'C-TOGETHER', createdBy: 'test', createdAt: at });
    const bytes = Buffer.from('%PDF-1.7 written together');
    const sha256 = sha256Hex(bytes);
    const revision = { extractId: 'e-together', version: 1, seq: 0, sha256, kind: 'assembled' as const, field: null, createdAt: at };
    await withExtractLock(t.db, 'e-together', (trx) => writeTogether(trx, t.db.dialect, [blobsInsert(trx, [{ sha256, bytes }], at), revisionsInsert(trx, [revision])]));
    expect((await getBlob(k, sha256))?.equals(bytes)).toBe(true);
    expect((await findHeadRevision(k, 'e-together', 1))?.sha256).toBe(sha256);
    // The same revision again violates its key: the new blob beside it is not kept either.
    const other = Buffer.from('%PDF-1.7 never kept');
    await expect(
      withExtractLock(t.db, 'e-together', (trx) => writeTogether(trx, t.db.dialect, [blobsInsert(trx, [{ sha256: sha256Hex(other), bytes: other }], at), revisionsInsert(trx, [revision])])),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_PRIMARYKEY|23505)$/) });
    expect(await getBlob(k, sha256Hex(other))).toBeUndefined();
  });

  it('a failed transaction leaves neither the blob nor the revision', async () => {
    const k = t.db.knex;
    const bytes = Buffer.from('%PDF-1.7 never committed');
    await expect(
      withExtractLock(t.db, 'e1', async (trx) => {
        const sha = await putBlob(trx, bytes, at);
        await insertRevision(trx, { extractId: 'e1', version: 1, seq: 2, sha256: sha, kind: 'signed', field: 'justerare-1', createdAt: at });
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect((await findHeadRevision(k, 'e1', 1))?.seq).toBe(1);
    expect(await getBlob(k, sha256Hex(bytes))).toBeUndefined();
  });

  it('serializes concurrent writers of one extract', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        withExtractLock(t.db, 'e1', async (trx, extract) => {
          expect(extract?.id).toBe('e1');
          order.push(`${name}:start`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          await trx('extracts').where({ id: 'e1' }).update({ updated_at: name });
          order.push(`${name}:end`);
        }),
      ),
    );
    for (let i = 0; i < order.length; i += 2) expect(order[i].split(':')[0]).toBe(order[i + 1].split(':')[0]);
    expect((await findExtract(t.db.knex, 'e1'))?.state).toBe('draft');
  });

  it('finds an API key by its hash only', async () => {
    await insertApiKey(t.db.knex, { id: 'k1', name: 'n', keyHash: 'h'.repeat(64), scopes: ['extracts:read'], createdAt: at, revokedAt: null, lastUsedAt: null });
    expect((await findApiKeyByHash(t.db.knex, 'h'.repeat(64)))?.scopes).toEqual(['extracts:read']);
    expect(await findApiKeyByHash(t.db.knex, 'x'.repeat(64))).toBeUndefined();
  });
});

describe('PDF bytes on PostgreSQL', () => {
  it('are kept as they are (a PDF is compressed already), and compressed again once the migration is undone', async () => {
    const t = await createTestDatabase('postgres');
    try {
      const k = t.db.knex;
      // Very compressible bytes, so that a compressing column would store far fewer.
      const stored = async (bytes: Buffer): Promise<number> => {
        const sha256 = await putBlob(k, bytes, at);
        const row = (await k('pdf_blobs').where({ sha256 }).first(k.raw('pg_column_size(bytes) as size'))) as { size: number };
        expect((await getBlob(k, sha256))?.equals(bytes)).toBe(true);
        return Number(row.size);
      };
      const zeros = Buffer.alloc(64 * 1024, '0');
      expect(await stored(Buffer.concat([Buffer.from('%PDF-1.7 kept\n'), zeros]))).toBeGreaterThanOrEqual(64 * 1024);
      await k.migrate.down({ migrationSource, tableName: 'knex_migrations', name: '600-blob-storage' });
      expect(await stored(Buffer.concat([Buffer.from('%PDF-1.7 compressed\n'), zeros]))).toBeLessThan(8 * 1024);
    } finally {
      await t.dispose();
    }
  });
});
