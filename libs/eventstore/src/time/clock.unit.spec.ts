import { ManualClock } from './clock';
import { commandMetadata } from './command-metadata';

describe('a manual clock', () => {
  it('moves only when told, and wakes each sleeper once its time has come', async () => {
    const clock = new ManualClock('2026-03-03T14:00:00.000Z');
    const woken: string[] = [];
    void clock.sleep(1_000).then(() => woken.push('1s'));
    void clock.sleep(5_000).then(() => woken.push('5s'));
    clock.advance(999);
    await Promise.resolve();
    expect(woken).toEqual([]);
    clock.advance(1);
    await Promise.resolve();
    expect(woken).toEqual(['1s']);
    clock.set('2026-03-03T14:01:00.000Z');
    await Promise.resolve();
    expect(woken).toEqual(['1s', '5s']);
    expect(clock.now().toISOString()).toBe('2026-03-03T14:01:00.000Z');
  });

  it('wakes a sleeper whose signal aborts, without moving', async () => {
    const clock = new ManualClock();
    const abort = new AbortController();
    const sleeping = clock.sleep(60_000, abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('never goes back', () => {
    const clock = new ManualClock('2026-03-03T14:00:00.000Z');
    expect(() => clock.set('2026-03-03T13:59:59.999Z')).toThrow(/does not go back/);
  });
});

describe('command metadata', () => {
  const ids = ['id-1', 'id-2', 'id-3'];
  const source = () => {
    const queue = [...ids];
    return { clock: new ManualClock('2026-03-03T14:00:00.000Z'), newId: () => queue.shift()! };
  };
  const alice = { id: 'alice', kind: 'user' as const };

  it('takes the time and ids from the source, and starts a flow when none is given', () => {
    expect(commandMetadata(source(), { actor: alice })).toEqual({
      now: '2026-03-03T14:00:00.000Z',
      newId: 'id-1',
      actor: alice,
      correlationId: 'id-2',
      causationId: null,
    });
  });

  it('makes a client command its own cause and, without a correlation id, its own flow', () => {
    expect(commandMetadata(source(), { actor: alice, commandId: 'c-7' })).toMatchObject({
      correlationId: 'c-7',
      causationId: 'c-7',
      commandId: 'c-7',
    });
    expect(commandMetadata(source(), { actor: alice, commandId: 'c-7', correlationId: 'flow-1' })).toMatchObject({
      correlationId: 'flow-1',
      causationId: 'c-7',
    });
  });
});
