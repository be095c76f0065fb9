import { ValidationError } from '@ledger/contracts';
import type { DeleteModelTag, SetModelTag } from '../model.decider';
import { ModelEvent, modelRef, ModelState, PRIMARY_METRIC_GOAL_TAG } from '../model';

const GOALS = ['max', 'min'];

/** A tag is set (or overwritten); the primary-metric goal must be one the semver rule understands. */
export function decideSetModelTag(command: SetModelTag, state: ModelState): ModelEvent[] {
  const { key, value } = command.data;
  if (key === PRIMARY_METRIC_GOAL_TAG && !GOALS.includes(value)) {
    throw new ValidationError(`tag ${PRIMARY_METRIC_GOAL_TAG} must be "max" or "min", not "${value}"`, { key, value });
  }
  return [{ type: 'RegisteredModelTagSet', data: { ...modelRef(state), key, value } }];
}

/** Deleting a tag that is not set is not an error (as MLflow); the event still records the request. */
export function decideDeleteModelTag(command: DeleteModelTag, state: ModelState): ModelEvent[] {
  return [{ type: 'RegisteredModelTagDeleted', data: { ...modelRef(state), key: command.data.key } }];
}
