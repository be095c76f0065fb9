import type { DeleteModel } from '../model.decider';
import { ModelEvent, modelRef, ModelState } from '../model';

/** Deleting is an event: the stream and its history stay, the model answers "not found" after it. */
export function decideDeleteModel(_: DeleteModel, state: ModelState): ModelEvent[] {
  return [{ type: 'RegisteredModelDeleted', data: modelRef(state) }];
}
