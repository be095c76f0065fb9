import type { UpdateVersion } from '../model.decider';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion } from '../model-versions';

export function decideUpdateVersion(command: UpdateVersion, state: ModelState): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  return [{ type: 'VersionDescriptionUpdated', data: { ...modelRef(state), version, description: command.data.description } }];
}
