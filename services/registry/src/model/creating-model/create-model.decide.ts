import { AlreadyExistsError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, ModelState } from '../model';

/**
 * A new model takes the id the caller minted in the metadata; the stream must be empty. As in
 * MLflow, whoever creates it (authenticated) manages it.
 */
export function decideCreateModel(command: ModelCommandOf<'CreateRegisteredModel'>, state: ModelState): ModelEvent[] {
  if (state.exists)
    throw new AlreadyExistsError(`registered model "${state.name}" already exists`, { name: state.name });
  const { name, description, tags } = command.data;
  const modelId = command.metadata.newId;
  const created: ModelEvent = {
    type: 'RegisteredModelCreated',
    data: { modelId, name, description: description ?? '', tags: tags ?? {} },
  };
  if (!command.access) return [created];
  const principal = command.access.subject.name;
  return [created, { type: 'ModelPermissionSet', data: { modelId, name, principal, permission: 'MANAGE' } }];
}
