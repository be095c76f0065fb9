import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';

/** Deleting is an event: the stream and its history stay, the model answers "not found" after it. */
export function decideDeleteModel(_: ModelCommandOf<'DeleteRegisteredModel'>, state: ModelState): ModelEvent[] {
  return [{ type: 'RegisteredModelDeleted', data: modelRef(state) }];
}
