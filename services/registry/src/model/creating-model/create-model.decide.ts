import { AlreadyExistsError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, ModelState } from '../model';

/** A new model takes the id the caller minted in the metadata; the stream must be empty. */
export function decideCreateModel(command: ModelCommandOf<'CreateRegisteredModel'>, state: ModelState): ModelEvent[] {
  if (state.exists)
    throw new AlreadyExistsError(`registered model "${state.name}" already exists`, { name: state.name });
  const { name, description, tags } = command.data;
  return [
    {
      type: 'RegisteredModelCreated',
      data: { modelId: command.metadata.newId, name, description: description ?? '', tags: tags ?? {} },
    },
  ];
}
