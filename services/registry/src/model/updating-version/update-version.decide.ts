import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion } from '../model-versions';

export function decideUpdateVersion(command: ModelCommandOf<'UpdateModelVersion'>, state: ModelState): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  return [
    { type: 'VersionDescriptionUpdated', data: { ...modelRef(state), version, description: command.data.description } },
  ];
}
