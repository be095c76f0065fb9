import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireAlias, validateAliasName } from '../setting-alias/alias-name';

/**
 * Removes an alias; the event keeps the version it pointed at, so alias history stays queryable.
 * `ifExists` makes removing an unset alias a no-op, for callers who only want it gone.
 */
export function decideDeleteAlias(command: ModelCommandOf<'DeleteModelAlias'>, state: ModelState): ModelEvent[] {
  const alias = validateAliasName(command.data.alias);
  if (command.data.ifExists && state.aliases[alias] === undefined) return [];
  const version = requireAlias(state, alias);
  return [{ type: 'AliasDeleted', data: { ...modelRef(state), version, alias } }];
}
