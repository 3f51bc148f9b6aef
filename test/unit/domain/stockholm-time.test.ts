import { stockholmMinute } from '../../../src/domain/stockholm-time';

describe('stockholmMinute', () => {
  it('shows Swedish summer and winter time to the minute', () => {
    expect(stockholmMinute(new Date('2023-10-03T07:32:59.999Z'))).toBe('2023-10-03 09:32');
    expect(stockholmMinute(new Date('2023-12-03T07:32:00Z'))).toBe('2023-12-03 08:32');
  });

  it('writes midnight as 00 and moves the date with the time zone', () => {
    expect(stockholmMinute(new Date('2023-12-31T23:05:00Z'))).toBe('2024-01-01 00:05');
  });
});
