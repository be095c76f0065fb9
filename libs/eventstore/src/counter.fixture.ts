// Test support for the command handler's specs: a counter whose events reveal lost, doubled
// or misordered decisions.
import { z } from 'zod';
import { Command, Decider, defineMessage, DomainEvent, MessageCatalog, ValidationError } from '@ledger/contracts';
import { newId } from './ids';

export type Increment = Command<'Increment', { times: number }>;
export type Incremented = DomainEvent<'Incremented', { n: number }>;
export interface Counter {
  count: number;
  /** Sum of every n seen: depends on each event, so a lost or doubled one changes it. */
  total: number;
}

// n is what the decision believed the next count to be: two decisions on the same state would
// write the same n, which shows as n !== stream position.
export const counter: Decider<Increment, Incremented, Counter> = {
  initialState: () => ({ count: 0, total: 0 }),
  decide: (command, state) => {
    if (command.data.times < 0) throw new ValidationError('times: must not be negative');
    return Array.from({ length: command.data.times }, (_, i) => ({
      type: 'Incremented',
      data: { n: state.count + i + 1 },
    }));
  },
  evolve: (state, event) => ({ count: state.count + 1, total: state.total + event.data.n }),
};

export const catalog = new MessageCatalog([
  defineMessage({
    type: 'Incremented',
    schemaVersion: 1,
    schema: z.object({ n: z.number().int() }),
    description: 'counted once more',
  }),
]);

export const increment = (times = 1, commandId?: string): Increment => ({
  type: 'Increment',
  data: { times },
  metadata: {
    now: '2024-03-03T14:00:00.000Z',
    newId: newId(),
    actor: { id: 'tester', kind: 'user' },
    correlationId: newId(),
    causationId: null,
    ...(commandId ? { commandId } : {}),
  },
});
