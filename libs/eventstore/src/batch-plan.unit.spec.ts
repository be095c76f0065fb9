import { Command, Decider, DomainEvent, ValidationError } from '@ledger/contracts';
import { planInTurn } from './batch-plan';

type Add = Command<'Add', { amount: number }>;
type Added = DomainEvent<'Added', { total: number }>;
const adder: Decider<Add, Added, number> = {
  initialState: () => 0,
  decide: (command, total) => {
    if (command.data.amount < 0) throw new ValidationError('amount: must not be negative');
    return command.data.amount === 0 ? [] : [{ type: 'Added', data: { total: total + command.data.amount } }];
  },
  evolve: (_total, event) => event.data.total,
};
const add = (amount: number, commandId?: string): Add => ({
  type: 'Add',
  data: { amount },
  metadata: {
    now: '2024-01-01T00:00:00.000Z',
    newId: 'x',
    actor: { id: 't', kind: 'user' },
    correlationId: 'c',
    causationId: null,
    ...(commandId ? { commandId } : {}),
  },
});

describe('planInTurn', () => {
  it('decides each command on the state its predecessors left, as if each had committed alone', () => {
    const plan = planInTurn(adder, { state: 10, version: 3 }, [add(1), add(2), add(3)], new Set());
    expect(plan.planned.map((p) => (p.kind === 'decided' ? [p.events[0].data.total, p.version] : p.kind))).toEqual([
      [11, 4],
      [13, 5],
      [16, 6],
    ]);
    expect(plan).toMatchObject({ state: 16, version: 6 });
  });

  it('refuses a command without letting it change what the next ones see', () => {
    const plan = planInTurn(adder, { state: 0, version: 0 }, [add(1), add(-5), add(1)], new Set());
    expect(plan.planned.map((p) => p.kind)).toEqual(['decided', 'refused', 'decided']);
    expect(plan.planned[1]).toMatchObject({ error: expect.any(ValidationError) });
    expect(plan).toMatchObject({ state: 2, version: 2 });
  });

  it('treats a commandId handled before, or earlier in the batch, as a duplicate; a no-op records nothing', () => {
    const plan = planInTurn(
      adder,
      { state: 0, version: 0 },
      [add(1, 'old'), add(1, 'new'), add(1, 'new'), add(0, 'noop'), add(1, 'noop')],
      new Set(['old']),
    );
    expect(plan.planned.map((p) => p.kind)).toEqual(['duplicate', 'decided', 'duplicate', 'decided', 'decided']);
    expect(plan).toMatchObject({ state: 2, version: 2 });
  });
});
