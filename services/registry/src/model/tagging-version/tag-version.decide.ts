import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion } from '../model-versions';

export function decideSetVersionTag(command: ModelCommandOf<'SetModelVersionTag'>, state: ModelState): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  return [
    { type: 'VersionTagSet', data: { ...modelRef(state), version, key: command.data.key, value: command.data.value } },
  ];
}

/** Version tags are not kept in the state, so a delete of a tag that is not set is recorded as asked (as MLflow, no error). */
export function decideDeleteVersionTag(
  command: ModelCommandOf<'DeleteModelVersionTag'>,
  state: ModelState,
): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  return [{ type: 'VersionTagDeleted', data: { ...modelRef(state), version, key: command.data.key } }];
}
