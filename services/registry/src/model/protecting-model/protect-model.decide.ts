import { Protection, ValidationError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { validateAliasName } from '../setting-alias/alias-name';

/** Replaces the protected aliases and stages policy; the same policy again changes nothing. */
export function decideSetProtection(command: ModelCommandOf<'SetModelProtection'>, state: ModelState): ModelEvent[] {
  const { name: _, ...requested } = command.data;
  requested.protectedAliases.forEach(validateAliasName);
  const protection = {
    ...requested,
    protectedAliases: unique(requested.protectedAliases, 'protectedAliases'),
    protectedStages: unique(requested.protectedStages, 'protectedStages'),
  };
  if (state.protection && sameProtection(protection, state.protection)) return [];
  return [{ type: 'ModelProtectionSet', data: { ...modelRef(state), ...protection } }];
}

const sameProtection = (a: Protection, b: Protection): boolean =>
  a.approverRole === b.approverRole &&
  a.separationOfDuties === b.separationOfDuties &&
  a.protectedAliases.join('\n') === b.protectedAliases.join('\n') &&
  a.protectedStages.join('\n') === b.protectedStages.join('\n');

function unique<T extends string>(values: T[], field: string): T[] {
  if (new Set(values).size !== values.length) throw new ValidationError(`${field}: must not repeat a value`);
  return [...values].sort();
}
