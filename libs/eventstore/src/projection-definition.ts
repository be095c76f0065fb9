import { EntityManager } from 'typeorm';
import { StoredEvent } from './event-log';

/**
 * A read model fed from the log. It names the events it handles; everything else passes by
 * (and still moves the checkpoint). apply must be idempotent per event: a rebuild or an
 * inline + async pair may show it the same event again.
 */
export interface Projection {
  name: string;
  /**
   * The definition's version (default 1). Raise it when what apply() writes changes, and an
   * inline read model is rebuilt from the log at the next start (rebuildChangedInline).
   */
  version?: number;
  handles: readonly string[];
  apply(tx: EntityManager, event: StoredEvent): Promise<void>;
  /**
   * Optional: exactly what apply() does to each of these events in order (all of a type it
   * handles), in fewer statements. Statements, not rows, are what a busy log pays for.
   */
  applyAll?(tx: EntityManager, events: StoredEvent[]): Promise<void>;
  /** Removes every row of the read model, before a rebuild. */
  reset(tx: EntityManager): Promise<void>;
  /**
   * apply() appends to the log too (starts a workflow, records a decision): after its commit the
   * runner wakes the log's tailers (relay, outbox, timers), which would otherwise find those
   * events only at their next poll.
   */
  appends?: boolean;
}

/** Applies the events a projection handles, in order, in as few statements as it allows. */
export async function project(projection: Projection, tx: EntityManager, events: StoredEvent[]): Promise<void> {
  const handled = events.filter((event) => projection.handles.includes(event.type));
  if (handled.length === 0) return;
  if (projection.applyAll) return projection.applyAll(tx, handled);
  for (const event of handled) await projection.apply(tx, event);
}

type Writer = (tx: EntityManager, events: StoredEvent[]) => Promise<unknown>;

/**
 * A way to write applyAll: the events split into runs of consecutive events of one type; a
 * run of a type in `together` is written by one call, any other event by `apply`, in order.
 */
export async function applyInRuns(
  tx: EntityManager,
  events: StoredEvent[],
  together: Record<string, Writer>,
  apply: (tx: EntityManager, event: StoredEvent) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < events.length;) {
    let end = start + 1;
    while (end < events.length && events[end].type === events[start].type) end++;
    const writer = together[events[start].type];
    if (writer) await writer(tx, events.slice(start, end));
    else for (const event of events.slice(start, end)) await apply(tx, event);
    start = end;
  }
}
