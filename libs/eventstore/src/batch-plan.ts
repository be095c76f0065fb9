import { Command, Decider, DomainEvent } from '@ledger/contracts';

/** What one command of a batch came to, decided against the state its predecessors left. */
export type Planned<C, E, S> =
  | { kind: 'decided'; command: C; events: E[]; state: S; version: number }
  | { kind: 'duplicate'; command: C }
  | { kind: 'refused'; command: C; error: unknown };

export interface BatchPlan<C, E, S> {
  planned: Planned<C, E, S>[];
  state: S;
  version: number;
}

/**
 * Decides a batch of commands for one stream in arrival order, exactly as if each had run alone
 * after the previous one committed: each sees the state the earlier ones left; a refused command
 * leaves no trace; a commandId already handled (before, or earlier in this batch) is a duplicate.
 * A command that decides nothing records no commandId, as when it runs alone.
 */
export function planInTurn<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  start: { state: S; version: number },
  commands: C[],
  alreadyHandled: ReadonlySet<string>,
): BatchPlan<C, E, S> {
  const handled = new Set(alreadyHandled);
  let { state, version } = start;
  const planned = commands.map((command): Planned<C, E, S> => {
    const commandId = command.metadata.commandId;
    if (commandId && handled.has(commandId)) return { kind: 'duplicate', command };
    let events: E[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      return { kind: 'refused', command, error };
    }
    if (events.length > 0 && commandId) handled.add(commandId);
    state = events.reduce(decider.evolve, state);
    version += events.length;
    return { kind: 'decided', command, events, state, version };
  });
  return { planned, state, version };
}
