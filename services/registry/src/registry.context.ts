import { DataSource } from 'typeorm';
import { CommandMetadata, registryEvents } from '@ledger/contracts';
import { CommandHandler, firstRunOf, Handled, newId, Projection, Queryable, SnapshotPolicy } from '@ledger/eventstore';
import { ModelEvent, modelStreamId, ModelState } from './model/model';
import { modelDecider } from './model/model.decider';
import type { ModelCommand } from './model/model';
import { CommandSettings, DEFAULT_COMMAND_SETTINGS } from '@ledger/platform';
import { ModelIdCache, onModelNamed } from './model-ids';
import { accessFor, RegistryAccess } from './model/authorizing/model-access';
import type { LoggedModels } from './model/registering-version/logged-models';

export const REGISTRY = Symbol('registry-context');

/** Authentication off: nobody is checked. */
export const OPEN_REGISTRY: RegistryAccess = { subjectOf: async () => undefined, defaultPermission: 'READ' };

/** What every registry slice needs: its database and the one command handler of the model aggregate. */
export interface RegistryContext {
  db: DataSource;
  models: CommandHandler<ModelCommand, ModelEvent, ModelState>;
  /** Name → model id for writes (see onModelNamed). */
  modelIds: ModelIdCache;
  /** Who acts, and the default permission: every model command is authorized with it. */
  access: RegistryAccess;
  /** The MLflow tracking server whose logged models versions are registered from, when one is configured. */
  loggedModels?: LoggedModels;
}

/** Model commands go through here: each is decided with its subject's access to the model. */
export async function handleModel(
  registry: RegistryContext,
  modelId: string,
  command: ModelCommand,
): Promise<Handled<ModelState>> {
  const access = await accessFor(registry.db, registry.access, modelId, command);
  return registry.models.handle(modelStreamId(modelId), access ? { ...command, access } : command);
}

/**
 * A model stream grows by one event per version; snapshots keep loading it cheap. Version 3:
 * the state keeps sparse maps instead of one entry per version (O(1) in the number of
 * versions), so older snapshots are replayed. Version 4: the state has the sparse map of
 * attached artifacts. Version 5: grants and the protection policy. Version 6: labels chosen by users.
 */
export const MODEL_SNAPSHOTS: SnapshotPolicy<ModelState> = { every: 100, schemaVersion: 6 };

/**
 * `inline`: the read models written with each append, in order (the name index first, so a
 * taken name aborts the transaction before any other read model is touched).
 */
export function createRegistryContext(
  db: DataSource,
  inline: Projection[],
  commands: CommandSettings = DEFAULT_COMMAND_SETTINGS,
  newEventId = newId,
  access: RegistryAccess = OPEN_REGISTRY,
): RegistryContext {
  const models = new CommandHandler(db, {
    ...commands,
    decider: modelDecider,
    source: 'registry',
    catalog: registryEvents,
    newEventId,
    inline,
    snapshot: MODEL_SNAPSHOTS,
  });
  return { db, models, modelIds: new ModelIdCache(), access };
}

/** A command to the model that has this name now (commands address models by name, streams by id). */
export async function handleByName(
  registry: RegistryContext,
  command: { type: ModelCommand['type']; data: { name: string } },
  metadata: CommandMetadata,
): Promise<{ modelId: string; handled: Handled<ModelState> }> {
  const { name } = command.data;
  const result = await onModelNamed(
    registry,
    name,
    async (modelId) => ({
      modelId,
      handled: await handleModel(registry, modelId, { ...command, metadata } as ModelCommand),
    }),
    () => streamOfResentCommand(registry.db, metadata.commandId),
  );
  // The name now names nothing, or another model later: look it up afresh next time.
  if (command.type === 'DeleteRegisteredModel' || (command.data as { newName?: string }).newName !== undefined)
    registry.modelIds.forget(name);
  return result;
}

/**
 * A resent bus command whose first delivery renamed or deleted its model no longer finds the
 * model by name: the model its events went to takes it, and the handler then sees the
 * commandId as already handled. (Only on this not-found path, so the scan is rare.)
 */
async function streamOfResentCommand(on: Queryable, commandId: string | undefined): Promise<string | undefined> {
  if (!commandId) return undefined;
  const [first] = await firstRunOf(on, commandId);
  return first?.streamId.startsWith('model-') ? String(first.data.modelId) : undefined;
}
