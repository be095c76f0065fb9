import { NotFoundError, ValidationError } from '@ledger/contracts';
import type { ModelState } from '../model';

export const ALIAS_MAX = 255;

/** MLflow's alias rules: word characters and dashes, ≤ 255, and never `latest` or `v<digits>`, which name versions already. */
export function validateAliasName(alias: string): string {
  if (alias.length === 0 || alias.length > ALIAS_MAX)
    throw new ValidationError(`alias: must be 1 to ${ALIAS_MAX} characters`, { alias });
  if (!/^[\w-]+$/.test(alias))
    throw new ValidationError(`alias "${alias}": must contain only letters, digits, "_" and "-"`, { alias });
  if (/^latest$/i.test(alias) || /^v\d+$/i.test(alias)) {
    throw new ValidationError(`alias "${alias}" is reserved: "latest" and "v<number>" already name versions`, {
      alias,
    });
  }
  return alias;
}

/** The version an alias points at, or RESOURCE_DOES_NOT_EXIST. */
export function requireAlias(state: ModelState, alias: string): number {
  const version = state.aliases[alias];
  if (version === undefined)
    throw new NotFoundError(`alias "${alias}" of registered model "${state.name}" does not exist`, {
      name: state.name,
      alias,
    });
  return version;
}
