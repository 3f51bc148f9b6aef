/** An anslag posted two days after justering (the latest KL 8 kap. 12 § allows): the job posts it, then takes it down. */
import { BuiltinTsa } from '../../../src/tsa/builtin-tsa';
import { findAnslag } from '../../../src/storage/anslag-repository';
import { findExtract } from '../../../src/storage/extracts-repository';
import { createPublicSide } from '../../../src/server/public/public-side';
import { listAuditEvents } from '../../../src/storage/audit-repository';
import { createTestDatabase } from '../storage/test-database';
import { EXTRACT_ID, movableClock, signedExample, storeJusteradExample } from './public-fixture';

describe.each(['sqlite', 'postgres'] as const)('the anslag schedule on %s', (dialect) => {
  it('posts a delayed anslag on its day, counts the appeal period from then, and takes it down after it', async () => {
    const example = await signedExample();
    const database = await createTestDatabase(dialect);
    const clock = movableClock('2023-10-05T12:00:00Z');
    const side = createPublicSide({ db: database.db, clock, keys: example.keys, timestamper: BuiltinTsa.fromKeys(example.keys, clock), publicBaseUrl: 'http://127.0.0.1', publishDelayDays: 2 });
    try {
      const id = await storeJusteradExample(database, side, example);
      const db = database.db.knex;
      // Posted Saturday 7 October; three weeks later is Saturday 28 October, so the period runs to Monday 30.
      expect(await findAnslag(db, id)).toMatchObject({ state: 'scheduled', justeradOn: '2023-10-05', postedOn: '2023-10-07', appealEndsOn: '2023-10-30', takedownOn: '2023-10-31' });

      clock.set('2023-10-06T21:00:00Z'); // 23:00 on the 6th in Stockholm
      expect(await side.runSchedule()).toEqual({ published: [], takenDown: [] });
      clock.set('2023-10-06T22:30:00Z'); // 00:30 on the 7th in Stockholm
      expect((await side.runSchedule()).published.map((a) => a.id)).toEqual([id]);
      expect((await findAnslag(db, id))?.state).toBe('published');
      expect((await findExtract(db, EXTRACT_ID))?.state).toBe('anslag_published');

      clock.set('2023-10-30T12:00:00Z');
      expect(await side.runSchedule()).toEqual({ published: [], takenDown: [] });
      clock.set('2023-10-31T06:00:00Z');
      expect((await side.runSchedule()).takenDown.map((a) => a.id)).toEqual([id]);
      expect((await findExtract(db, EXTRACT_ID))?.state).toBe('anslag_taken_down');
      expect((await listAuditEvents(db, EXTRACT_ID)).map((e) => e.type)).toEqual(['published', 'taken_down']);
    } finally {
      await side.close();
      await database.dispose();
    }
  });
});
