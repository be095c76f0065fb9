import { AlreadyExistsError, CommandMetadata, CreateRegisteredModelInput, IllegalStateError } from '@ledger/contracts';
import { firstRunOf } from '@ledger/eventstore';
import { handleModel, RegistryContext } from '../../registry.context';
import { modelStreamId } from '../model';
import { findModel, ModelView } from '../getting-model/registered-models.projection';
import { findModelId } from './model-names.projection';

/**
 * Creates a model in a new stream named by the id minted in the metadata. The name index is
 * checked first for a clear error; the inline name projection still guards the race.
 */
export async function createModel(
  registry: RegistryContext,
  input: CreateRegisteredModelInput,
  metadata: CommandMetadata,
): Promise<ModelView> {
  const existing = await findModelId(registry.db, input.name);
  if (existing) {
    // A resent bus command (same commandId) is not an error: it had its effect already.
    const first = metadata.commandId ? await firstRunOf(registry.db, metadata.commandId) : [];
    if (first.some((event) => event.streamId === modelStreamId(existing))) return view(registry, input.name, metadata);
    throw new AlreadyExistsError(`registered model "${input.name}" already exists`, { name: input.name });
  }
  await handleModel(registry, metadata.newId, { type: 'CreateRegisteredModel', data: input, metadata });
  return view(registry, input.name, metadata);
}

async function view(registry: RegistryContext, name: string, metadata: CommandMetadata): Promise<ModelView> {
  const model = await findModel(registry.db, name);
  // Only a commandId already spent on another command leaves no model behind.
  if (!model)
    throw new IllegalStateError(`command ${metadata.commandId} was already handled`, { commandId: metadata.commandId });
  return model;
}
