import { ValidationError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState, PRIMARY_METRIC_GOAL_TAG } from '../model';

const GOALS = ['max', 'min'];

/** A tag is set (or overwritten); the primary-metric goal must be one the semver rule understands. */
export function decideSetModelTag(command: ModelCommandOf<'SetRegisteredModelTag'>, state: ModelState): ModelEvent[] {
  const { key, value } = command.data;
  if (key === PRIMARY_METRIC_GOAL_TAG && !GOALS.includes(value)) {
    throw new ValidationError(`tag ${PRIMARY_METRIC_GOAL_TAG} must be "max" or "min", not "${value}"`, { key, value });
  }
  return [{ type: 'RegisteredModelTagSet', data: { ...modelRef(state), key, value } }];
}

/** Deleting a tag that is not set is not an error (as MLflow); the event still records the request. */
export function decideDeleteModelTag(
  command: ModelCommandOf<'DeleteRegisteredModelTag'>,
  state: ModelState,
): ModelEvent[] {
  return [{ type: 'RegisteredModelTagDeleted', data: { ...modelRef(state), key: command.data.key } }];
}
