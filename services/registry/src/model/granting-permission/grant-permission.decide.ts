import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';

/** Grants (or replaces) a principal's permission on the model; granting what it has changes nothing. */
export function decideSetPermission(command: ModelCommandOf<'SetModelPermission'>, state: ModelState): ModelEvent[] {
  const { principal, permission } = command.data;
  if (state.permissions[principal] === permission) return [];
  return [{ type: 'ModelPermissionSet', data: { ...modelRef(state), principal, permission } }];
}

/** Removes a grant; the default permission applies again. No grant: nothing to remove. */
export function decideDeletePermission(
  command: ModelCommandOf<'DeleteModelPermission'>,
  state: ModelState,
): ModelEvent[] {
  const { principal } = command.data;
  if (state.permissions[principal] === undefined) return [];
  return [{ type: 'ModelPermissionDeleted', data: { ...modelRef(state), principal } }];
}
