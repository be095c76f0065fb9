import { Actor } from './envelope';

/** A domain event before it is stored: the log adds ids, positions and metadata. */
export interface DomainEvent<Type extends string = string, Data extends object = Record<string, unknown>> {
  type: Type;
  data: Data;
}

/** Everything impure a decision may need arrives here, decided by the caller. */
export interface CommandMetadata {
  now: string;
  /** A fresh id the decision may use for a new aggregate. */
  newId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/** decide(command, state) → events; evolve(state, event) → state. Pure, no I/O. */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  initialState: () => S;
  decide: (command: C, state: S) => E[];
  evolve: (state: S, event: E) => S;
}
