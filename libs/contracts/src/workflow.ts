import { Command, DomainEvent } from './decider';

/** A message without metadata: what a workflow asks for; the runner adds metadata when it acts. */
export type Message = DomainEvent;

/** An input to deliver back to the workflow at `dueAt`; `id` names it within its workflow instance. */
export interface Timer<I extends Command = Command> {
  id: string;
  dueAt: string;
  input: Pick<I, 'type' | 'data'>;
}

/** What a decision asks for. Every output is recorded on the workflow's stream before it has any effect. */
export type WorkflowOutput<I extends Command, C extends Message, E extends Message> =
  | { kind: 'send'; command: C }
  | { kind: 'publish'; event: E }
  | { kind: 'schedule'; timer: Timer<I> }
  | { kind: 'cancel'; timerId: string }
  | { kind: 'ignore'; reason: string };

/** What a workflow's stream holds: each input it was given, then what it decided on it. */
export type WorkflowRecord<I extends Command, C extends Message, E extends Message> =
  { kind: 'input'; input: I } | WorkflowOutput<I, C, E>;

/**
 * A process manager as a pure function (Emmett's workflow model): inputs are commands, other
 * services' events or fired timers; outputs are commands to send, events to publish, timers.
 * Its state is folded from its own stream, so it needs no table of its own.
 */
export interface Workflow<I extends Command, C extends Message, E extends Message, S> {
  name: string;
  /** The stream of the workflow instance an input belongs to. */
  streamOf: (input: I) => string;
  initialState: () => S;
  decide: (input: I, state: S) => WorkflowOutput<I, C, E>[];
  evolve: (state: S, record: WorkflowRecord<I, C, E>) => S;
}

export const send = <C extends Message>(command: C) => ({ kind: 'send', command }) as const;
export const publish = <E extends Message>(event: E) => ({ kind: 'publish', event }) as const;
export const schedule = <I extends Command>(timer: Timer<I>) => ({ kind: 'schedule', timer }) as const;
export const cancel = (timerId: string) => ({ kind: 'cancel', timerId }) as const;
export const ignore = (reason: string) => ({ kind: 'ignore', reason }) as const;

/** The state after an input and what was decided on it: how the runner and the spec helpers fold a stream. */
export function evolveAll<I extends Command, C extends Message, E extends Message, S>(
  workflow: Pick<Workflow<I, C, E, S>, 'evolve'>,
  state: S,
  records: WorkflowRecord<I, C, E>[],
): S {
  return records.reduce(workflow.evolve, state);
}
