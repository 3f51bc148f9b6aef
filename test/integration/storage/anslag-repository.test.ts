import { createHash, randomUUID } from 'node:crypto';
import { Database, migrateToLatest, openDatabase } from '../../../src/storage/db';
import {
  AnslagRecord,
  findAnslag,
  findAnslagByVerificationCode,
  insertAnslag,
  listAnslagDueForPublishing,
  listAnslagDueForTakedown,
  listCurrentAnslag,
  searchAnslagArchive,
  setAnslagState,
} from '../../../src/storage/anslag-repository';

const pgSchema = `anslag_${randomUUID().replace(/-/g, '')}`;
const targets: Array<[string, () => Promise<Database>]> = [
  ['SQLite', () => openDatabase({ kind: 'sqlite', file: ':memory:' })],
  ['PostgreSQL', () => openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema: pgSchema })],
];

describe.each(targets)('anslag repository on %s', (_name, open) => {
  let db: Database;
  const now = '2023-10-05T12:00:00.000Z';

  beforeAll(async () => {
    db = await open();
    await migrateToLatest(db);
    const blob = Buffer.from('%PDF-1.7 stand-in');
    const sha = createHash('sha256').update(blob).digest('hex');
    await db.knex('pdf_blobs').insert({ sha256: sha, bytes: blob, size: blob.length, created_at: now });
    for (const [id, posted, takedown, title] of [
      ['a1', '2023-10-05', '2023-10-27', 'Yttrande över förslag till detaljplan för Hägersten'],
      ['a2', '2023-09-01', '2023-09-23', 'Budget för 2024'],
      ['a3', '2023-10-07', '2023-10-31', 'Ändrad ordning för 100% av ärendena'],
    ]) {
      await db.knex('extracts').insert({
        id: `e-${id}`, state: 'justerad', signing_order: 'parallel', body: 'Hägersten-Älvsjö stadsdelsnämnd', meeting_date: '2023-09-21',
        paragraphs: '12', title, case_number: 'HÄ 2023/418', deadline: '2023-10-05', current_version: 1, created_by: 'test', created_at: now, updated_at: now,
      });
      const record: AnslagRecord = {
        id, extractId: `e-${id}`, version: 1, kind: 'protocol', body: 'Hägersten-Älvsjö stadsdelsnämnd', meetingDate: '2023-09-21', paragraphs: '12',
        title, caseNumber: 'HÄ 2023/418', storageLocation: 'Stadsdelsförvaltningen', verificationCode: `CODE-${id}`,
        signers: [{ field: 'ordforande', name: 'Johan Nilsson', role: 'chair' }], justeradAt: now, justeradOn: posted, postedOn: posted,
        appealEndsOn: takedown, takedownOn: takedown, pdfSha256: sha, noticePdfSha256: sha, state: 'scheduled', publishedAt: null, takenDownAt: null, createdAt: now,
      };
      await insertAnslag(db.knex, record);
    }
  });

  afterAll(async () => {
    if (db?.dialect === 'postgres') await db.knex.raw('drop schema ?? cascade', [pgSchema]);
    await db?.close();
  });

  it('finds an anslag by id and by verification code, with its signers', async () => {
    const found = await findAnslag(db.knex, 'a1');
    expect(found?.signers).toEqual([{ field: 'ordforande', name: 'Johan Nilsson', role: 'chair' }]);
    expect((await findAnslagByVerificationCode(db.knex, 'CODE-a3'))?.id).toBe('a3');
    expect(await findAnslag(db.knex, 'nope')).toBeUndefined();
  });

  it('lists as current only what is posted and not yet taken down on the given day', async () => {
    expect((await listCurrentAnslag(db.knex, '2023-10-06')).map((a) => a.id)).toEqual(['a1']);
    expect((await listCurrentAnslag(db.knex, '2023-10-26')).map((a) => a.id)).toEqual(['a3', 'a1']);
    expect((await listCurrentAnslag(db.knex, '2023-10-27')).map((a) => a.id)).toEqual(['a3']);
  });

  it('searches the archive by every word, case-insensitively, with LIKE wildcards taken literally', async () => {
    const all = await searchAnslagArchive(db.knex, { postedOnOrBefore: '2023-12-31', limit: 10, offset: 0 });
    expect(all.total).toBe(3);
    expect((await searchAnslagArchive(db.knex, { q: 'DETALJPLAN hägersten', postedOnOrBefore: '2023-12-31', limit: 10, offset: 0 })).items.map((a) => a.id)).toEqual(['a1']);
    expect((await searchAnslagArchive(db.knex, { q: '100%', postedOnOrBefore: '2023-12-31', limit: 10, offset: 0 })).items.map((a) => a.id)).toEqual(['a3']);
    expect((await searchAnslagArchive(db.knex, { q: '%', postedOnOrBefore: '2023-12-31', limit: 10, offset: 0 })).total).toBe(1);
    expect((await searchAnslagArchive(db.knex, { postedOnOrBefore: '2023-10-06', limit: 10, offset: 0 })).items.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('records each state change once', async () => {
    expect((await listAnslagDueForPublishing(db.knex, '2023-10-05')).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    expect(await setAnslagState(db.knex, 'a2', ['scheduled'], 'published', now)).toBe(true);
    expect(await setAnslagState(db.knex, 'a2', ['scheduled'], 'published', now)).toBe(false);
    expect((await listAnslagDueForTakedown(db.knex, '2023-10-05')).map((a) => a.id)).toEqual(['a2']);
    expect(await setAnslagState(db.knex, 'a2', ['published'], 'taken_down', now)).toBe(true);
    expect((await findAnslag(db.knex, 'a2'))?.takenDownAt).toBe(now);
  });
});
