import { EntityManager } from 'typeorm';
import { MessageCatalog, MessageOf, MessageOfType } from '@ledger/contracts';
import { StoredEvent } from './event-log';
import { applyInRuns, Projection } from './projection';

/** A stored event of one catalog type, its data upcast to the current schema. */
export type CatalogEvent<M extends { type: string; data: unknown }> = Omit<StoredEvent, 'type' | 'data'> & {
  type: M['type'];
  data: M['data'];
};

/** The stored event a handler of catalog C sees for type T: what a run writer or a shared helper takes. */
export type CatalogEventOf<C extends MessageCatalog, T extends MessageOf<C>['type']> = CatalogEvent<
  MessageOfType<MessageOf<C>, T>
>;

type Message = { type: string; data: unknown };
type Handler<M extends Message> = (tx: EntityManager, event: CatalogEvent<M>) => Promise<unknown>;
type RunWriter<M extends Message> = (tx: EntityManager, events: CatalogEvent<M>[]) => Promise<unknown>;

export interface CatalogProjectionDefinition<M extends Message, H extends M['type']> {
  name: string;
  /** Raise it when what the handlers write changes (see Projection.version). */
  version?: number;
  /** One handler per event type: what the projection handles is exactly what it applies. */
  on: { [T in H]: Handler<MessageOfType<M, T>> };
  /** Optional: a run of consecutive events of one type in one statement, with the same rows as the handler's. */
  runs?: { [T in H]?: RunWriter<MessageOfType<M, T>> };
  reset(tx: EntityManager): Promise<void>;
}

/**
 * Projections typed against an event catalog: handlers are keyed by the catalog's types (a type
 * it does not define fails to compile), each sees its own payload upcast to the current schema
 * (so a rebuild over old events writes the same rows), and `handles` is derived from the
 * handlers, so a projection cannot name an event it does not apply.
 */
export function catalogProjection<C extends MessageCatalog>(catalog: C) {
  return <H extends MessageOf<C>['type']>(definition: CatalogProjectionDefinition<MessageOf<C>, H>): Projection => {
    const handlers = definition.on as unknown as Record<string, Handler<Message>>;
    const runs = (definition.runs ?? {}) as unknown as Record<string, RunWriter<Message>>;
    const current = (event: StoredEvent): CatalogEvent<Message> => ({
      ...event,
      data: catalog.current(event.type, event.schemaVersion, event.data),
    });
    const apply = (tx: EntityManager, event: StoredEvent) => handlers[event.type](tx, current(event));
    const together = Object.fromEntries(
      Object.entries(runs).map(([type, write]) => [
        type,
        (tx: EntityManager, events: StoredEvent[]) => write(tx, events.map(current)),
      ]),
    );
    return {
      name: definition.name,
      version: definition.version,
      handles: Object.keys(handlers),
      async apply(tx, event) {
        await apply(tx, event);
      },
      ...(Object.keys(runs).length > 0
        ? { applyAll: (tx: EntityManager, events: StoredEvent[]) => applyInRuns(tx, events, together, apply) }
        : {}),
      reset: definition.reset,
    };
  };
}
