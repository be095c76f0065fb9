import { ConflictError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireAlias, validateAliasName } from '../setting-alias/alias-name';

/**
 * Removes an alias; the event keeps the version it pointed at, so alias history stays queryable.
 * `ifExists` makes removing an unset alias a no-op, for callers who only want it gone;
 * `expectedVersion` removes it only while it points there (a compensation must not remove an
 * alias someone has moved since), refused otherwise as a conflict no retry can fix.
 */
export function decideDeleteAlias(command: ModelCommandOf<'DeleteModelAlias'>, state: ModelState): ModelEvent[] {
  const alias = validateAliasName(command.data.alias);
  if (command.data.ifExists && state.aliases[alias] === undefined) return [];
  const version = requireAlias(state, alias);
  const expected = command.data.expectedVersion;
  if (expected !== undefined && expected !== version)
    throw new ConflictError(
      `alias "${alias}" of registered model "${state.name}" points to version ${version}, but the request expected it to point to version ${expected}`,
      { name: state.name, alias, expectedVersion: expected, currentVersion: version },
      false,
    );
  return [{ type: 'AliasDeleted', data: { ...modelRef(state), version, alias } }];
}
