import type { DeleteAlias } from '../model.decider';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireAlias, validateAliasName } from '../setting-alias/alias-name';

/** Removes an alias; the event keeps the version it pointed at, so alias history stays queryable. */
export function decideDeleteAlias(command: DeleteAlias, state: ModelState): ModelEvent[] {
  const alias = validateAliasName(command.data.alias);
  const version = requireAlias(state, alias);
  return [{ type: 'AliasDeleted', data: { ...modelRef(state), version, alias } }];
}
