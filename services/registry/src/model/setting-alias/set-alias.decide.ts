import { ConflictError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion } from '../model-versions';
import { validateAliasName } from './alias-name';

/**
 * Points (or moves) an alias at a live version. expectedVersion makes it a compare-and-set:
 * the alias must point there now (null: must be unset), or the change is refused as a conflict
 * that no retry can fix. Pointing an alias where it already points changes nothing.
 */
export function decideSetAlias(command: ModelCommandOf<'SetModelAlias'>, state: ModelState): ModelEvent[] {
  const alias = validateAliasName(command.data.alias);
  const { version } = requireVersion(state, command.data.version);
  const current = state.aliases[alias] ?? null;
  const expected = command.data.expectedVersion;
  if (expected !== undefined && expected !== current) {
    const now = current === null ? 'is not set' : `points to version ${current}`;
    const wanted = expected === null ? 'to be unset' : `to point to version ${expected}`;
    throw new ConflictError(
      `alias "${alias}" of registered model "${state.name}" ${now}, but the request expected it ${wanted}`,
      { name: state.name, alias, expectedVersion: expected, currentVersion: current },
      false,
    );
  }
  if (current === version) return [];
  return [{ type: 'AliasSet', data: { ...modelRef(state), version, alias, previousVersion: current } }];
}
