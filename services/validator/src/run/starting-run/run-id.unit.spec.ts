import { z } from 'zod';
import { runIdOf } from './run-id';

describe('run ids', () => {
  it('are the same UUID for the same trigger, so a redelivery names the run it started', () => {
    const id = runIdOf({ kind: 'VersionCreated', id: 'event-1' });
    expect(runIdOf({ kind: 'VersionCreated', id: 'event-1' })).toBe(id);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('differ between triggers, and between kinds with the same id', () => {
    const ids = new Set([
      runIdOf({ kind: 'VersionCreated', id: 'a' }),
      runIdOf({ kind: 'VersionCreated', id: 'b' }),
      runIdOf({ kind: 'ValidateModelVersion', id: 'a' }),
    ]);
    expect(ids.size).toBe(3);
  });
});
