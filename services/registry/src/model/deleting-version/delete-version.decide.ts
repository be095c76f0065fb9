import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion } from '../model-versions';

/** Soft delete: the number stays taken, and the aliases pointing here go in the same event. */
export function decideDeleteVersion(command: ModelCommandOf<'DeleteModelVersion'>, state: ModelState): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  const removedAliases = Object.keys(state.aliases)
    .filter((alias) => state.aliases[alias] === version)
    .sort();
  return [{ type: 'VersionDeleted', data: { ...modelRef(state), version, removedAliases } }];
}
