import { Command, Decider, DomainEvent } from '@ledger/contracts';
import type { StoredEvent } from './event-log';
import type { CommandResult } from './command-writes';
import type { Outcome } from './stream-batches';

export interface Handled<S> {
  state: S;
  events: StoredEvent[];
  version: number;
  /**
   * True when the command's commandId was already handled: nothing was appended, and `events`
   * are the ones its first run appended (so a resend can answer as the first delivery did).
   */
  duplicate: boolean;
}

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

/** One stream of a batch once decided and appended. */
export interface DecidedStream<C, E, S> {
  streamId: string;
  start: { state: S; version: number };
  plan: BatchPlan<C, E, S>;
  /** The stored events of each command that appended some. */
  stored: Map<Planned<C, E, S>, StoredEvent[]>;
}

/** Each command's answer; a duplicate's carries the events its commandId's first run appended. */
export function outcomesOf<C extends Command, E, S>(
  { plan, stored }: DecidedStream<C, E, S>,
  firstRuns: ReadonlyMap<string, StoredEvent[]>,
): Outcome<Handled<S>>[] {
  return plan.planned.map((p): Outcome<Handled<S>> => {
    if (p.kind === 'refused') return { ok: false, error: p.error };
    if (p.kind === 'duplicate') {
      const events = firstRuns.get(p.command.metadata.commandId ?? '') ?? [];
      return { ok: true, value: { state: plan.state, version: plan.version, events, duplicate: true } };
    }
    return { ok: true, value: { state: p.state, version: p.version, events: stored.get(p) ?? [], duplicate: false } };
  });
}

/** What each command of a decided stream appended, to remember under its commandId. */
export function resultsOf<C extends Command, E, S>({ streamId, stored }: DecidedStream<C, E, S>): CommandResult[] {
  return [...stored].flatMap(([p, events]) =>
    p.command.metadata.commandId
      ? [{ commandId: p.command.metadata.commandId, streamId, eventIds: events.map((e) => e.id) }]
      : [],
  );
}

/** The commandIds of a decided stream that were already handled. */
export function duplicatesOf<C extends Command, E, S>({ plan }: DecidedStream<C, E, S>): string[] {
  return plan.planned.flatMap((p) =>
    p.kind === 'duplicate' && p.command.metadata.commandId ? [p.command.metadata.commandId] : [],
  );
}
