import { EntityManager } from 'typeorm';
import { applyInRuns, project, Projection } from './projection';
import { storedEvent as event } from './stored-event.fixture';

const tx = {} as EntityManager;

describe('projecting in runs', () => {
  it('writes each run of a batched type at once and everything else one by one, in log order', async () => {
    const calls: string[] = [];
    const events = [event('A', 1), event('A', 2), event('B', 3), event('A', 4), event('C', 5), event('C', 6)];
    await applyInRuns(
      tx,
      events,
      { A: async (_tx, run) => calls.push(`A[${run.map((e) => e.data.n)}]`) },
      async (_tx, e) => calls.push(`${e.type}${e.data.n}`),
    );
    expect(calls).toEqual(['A[1,2]', 'B3', 'A[4]', 'C5', 'C6']);
  });

  it('hands a projection only the events it handles, through applyAll when it has one', async () => {
    const seen: string[] = [];
    const base: Projection = {
      name: 'p',
      handles: ['A'],
      apply: async (_tx, e) => void seen.push(`one ${e.data.n}`),
      reset: async () => undefined,
    };
    const events = [event('A', 1), event('B', 2), event('A', 3)];
    await project(base, tx, events);
    await project(
      { ...base, applyAll: async (_tx, all) => void seen.push(`all ${all.map((e) => e.data.n)}`) },
      tx,
      events,
    );
    await project({ ...base, applyAll: async () => void seen.push('never') }, tx, [event('B', 4)]);
    expect(seen).toEqual(['one 1', 'one 3', 'all 1,3']);
  });
});
