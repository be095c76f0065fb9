import { NotFoundError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { findModelId } from './model/creating-model/model-names.projection';

/**
 * Which model a name meant when this process last looked, so a write does not pay a query to
 * find its stream (it was a third of the registry's queries per registered version). An entry
 * may be stale — the model renamed or deleted by another instance — and that is safe: the
 * decider refuses a command whose name is not its model's current name (NotFoundError), and
 * `onModelNamed` then drops the entry and tries once more with a fresh lookup.
 */
export class ModelIdCache {
  private readonly ids = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  get(name: string): string | undefined {
    return this.ids.get(name);
  }

  set(name: string, modelId: string): void {
    // Oldest first out: a Map iterates in insertion order.
    if (!this.ids.has(name) && this.ids.size >= this.capacity) this.ids.delete(this.ids.keys().next().value as string);
    this.ids.set(name, modelId);
  }

  forget(name: string): void {
    this.ids.delete(name);
  }
}

/**
 * Runs a write on the model that has this name: on the remembered id first, else (or when that
 * id's model turned out not to have the name any more) on the one the name index gives now.
 * `fallback` names a stream when the index has none (a resent command whose model moved on).
 */
export async function onModelNamed<T>(
  ids: { db: Queryable; modelIds: ModelIdCache },
  name: string,
  run: (modelId: string) => Promise<T>,
  fallback: () => Promise<string | undefined> = async () => undefined,
): Promise<T> {
  const remembered = ids.modelIds.get(name);
  let refused: unknown;
  if (remembered) {
    try {
      return await run(remembered);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      ids.modelIds.forget(name);
      refused = error;
    }
  }
  const found = await findModelId(ids.db, name);
  // Still the same model: the refusal was about something else (a missing version, alias, …).
  if (found && found === remembered) {
    ids.modelIds.set(name, found);
    throw refused;
  }
  if (found) ids.modelIds.set(name, found);
  const modelId = found ?? (await fallback());
  if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
  return run(modelId);
}
