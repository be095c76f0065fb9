import { nextTick } from './schedule-ticks';

describe('the next tick of a schedule', () => {
  it('is the first match strictly after the given time, in UTC by default', () => {
    expect(nextTick('*/5 * * * *', undefined, new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T00:05:00.000Z',
    );
    expect(nextTick('*/5 * * * *', undefined, new Date('2026-01-01T00:03:10Z'))?.toISOString()).toBe(
      '2026-01-01T00:05:00.000Z',
    );
  });

  it('reads the pattern in the named timezone', () => {
    // 02:00 in Berlin (UTC+1 in January) is 01:00 UTC.
    expect(nextTick('0 2 * * *', 'Europe/Berlin', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T01:00:00.000Z',
    );
  });

  it('is null for a pattern it cannot read (no tick is armed)', () => {
    expect(nextTick('every day', undefined, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(nextTick('0 0 * * * * 2027', undefined, new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('reads six fields as seconds first', () => {
    expect(nextTick('*/2 * * * * *', undefined, new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-01-01T00:00:02.000Z',
    );
  });
});
