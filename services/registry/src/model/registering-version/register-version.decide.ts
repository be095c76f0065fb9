import { NotFoundError } from '@ledger/contracts';
import type { RegisterVersion } from '../model.decider';
import { ModelEvent, ModelState } from '../model';

/** The aggregate allocates the number: last + 1, so concurrent writers serialise on the stream. */
export function decideRegisterVersion(command: RegisterVersion, state: ModelState): ModelEvent[] {
  if (!state.exists || !state.modelId || !state.name) {
    throw new NotFoundError(`registered model "${command.data.name}" does not exist`, { name: command.data.name });
  }
  const { source, runId, description, tags, metrics } = command.data;
  return [
    {
      type: 'VersionCreated',
      data: {
        modelId: state.modelId,
        name: state.name,
        version: state.lastVersion + 1,
        source: source ?? '',
        runId: runId ?? '',
        description: description ?? '',
        tags: tags ?? {},
        metrics: metrics ?? {},
      },
    },
  ];
}
