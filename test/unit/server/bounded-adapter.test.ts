import { boundedAdapters } from '../../../src/server/auth/demo/bounded-adapter';

describe('boundedAdapters', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('keeps at most maxEntries per model, evicting the oldest written; other models are untouched', async () => {
    const { factory, size } = boundedAdapters(3, clock);
    const interactions = factory('Interaction');
    const sessions = factory('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a' }, 3600);
    for (const id of ['i1', 'i2', 'i3', 'i4']) await interactions.upsert(id, { uid: id }, 600);
    expect(size('Interaction')).toBe(3);
    expect(await interactions.find('i1')).toBeUndefined();
    expect(await interactions.find('i4')).toEqual({ uid: 'i4' });
    // Writing an entry again makes it the newest.
    await interactions.upsert('i2', { uid: 'i2', again: true }, 600);
    await interactions.upsert('i5', { uid: 'i5' }, 600);
    expect(await interactions.find('i3')).toBeUndefined();
    expect(await interactions.find('i2')).toEqual({ uid: 'i2', again: true });
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'a' });
    // The same store serves every adapter made for a model.
    expect(await factory('Interaction').find('i5')).toEqual({ uid: 'i5' });
  });

  it('forgets entries at their expiry, and makes room from expired entries first', async () => {
    const { factory, size } = boundedAdapters(2, clock);
    const codes = factory('AuthorizationCode');
    await codes.upsert('short', { grantId: 'g1' }, 60);
    await codes.upsert('long', { grantId: 'g2' }, 600);
    now += 61_000;
    expect(await codes.find('short')).toBeUndefined();
    await codes.upsert('other', { grantId: 'g1' }, 600);
    expect(size('AuthorizationCode')).toBe(2);
    expect(await codes.find('long')).toBeDefined();
    await codes.consume('long');
    expect((await codes.find('long'))?.consumed).toBe(Math.floor(now / 1000));
    await codes.revokeByGrantId('g1');
    expect(await codes.find('other')).toBeUndefined();
    await codes.destroy('long');
    expect(size('AuthorizationCode')).toBe(0);
  });
});
