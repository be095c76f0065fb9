import type { CommandMetadata } from '@ledger/contracts';
import { OPEN_ACCESS } from '@ledger/platform';
import { runActorOf } from './run-actor';

const metadata = (id: string, kind: 'user' | 'service' = 'user'): CommandMetadata => ({
  now: '2026-12-04T12:00:00.000Z',
  newId: 'n',
  actor: { id, kind },
  correlationId: 'c',
  causationId: null,
});

describe("a run's actor", () => {
  it('with authentication off is the command’s actor as named, with no roles, unauthenticated', async () => {
    expect(await runActorOf(OPEN_ACCESS, metadata('ana'))).toEqual({
      id: 'ana',
      kind: 'user',
      roles: [],
      authenticated: false,
    });
  });

  it('with authentication on is the subject identity knows, with its roles', async () => {
    const access = { subjectOf: async () => ({ name: 'bo', roles: ['approver'] }) };
    expect(await runActorOf(access, metadata('bo'))).toEqual({
      id: 'bo',
      kind: 'user',
      roles: ['approver'],
      authenticated: true,
    });
  });
});
