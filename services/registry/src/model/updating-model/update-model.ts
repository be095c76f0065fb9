import { AlreadyExistsError, CommandMetadata, IllegalStateError, UpdateRegisteredModelInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { findModelById, ModelView } from '../getting-model/registered-models.projection';

/** Rename and/or describe; a taken new name is checked first for a clear error, the name index still guards the race. */
export async function updateModel(
  registry: RegistryContext,
  input: UpdateRegisteredModelInput,
  metadata: CommandMetadata,
): Promise<ModelView> {
  if (input.newName !== undefined && input.newName !== input.name && (await findModelId(registry.db, input.newName))) {
    throw new AlreadyExistsError(`registered model "${input.newName}" already exists`, { name: input.newName });
  }
  const { modelId } = await handleByName(registry, { type: 'UpdateRegisteredModel', data: input }, metadata);
  return modelView(registry, modelId);
}

/** The model as it is after a command (read-your-writes: the projections ran in its transaction). */
export async function modelView(registry: RegistryContext, modelId: string): Promise<ModelView> {
  const model = await findModelById(registry.db, modelId);
  if (!model) throw new IllegalStateError(`registered model ${modelId} is gone`, { modelId });
  return model;
}
