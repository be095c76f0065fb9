import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';

/**
 * Rename and/or new description in one atomic change. Whether the new name is free is not
 * known to one stream: the name index (applied inline, in the same transaction) refuses a
 * taken name. Renaming to the current name changes nothing.
 */
export function decideUpdateModel(command: ModelCommandOf<'UpdateRegisteredModel'>, state: ModelState): ModelEvent[] {
  const { newName, description } = command.data;
  const events: ModelEvent[] = [];
  if (description !== undefined) {
    events.push({ type: 'RegisteredModelDescriptionUpdated', data: { ...modelRef(state), description } });
  }
  if (newName !== undefined && newName !== state.name) {
    events.push({
      type: 'RegisteredModelRenamed',
      data: { modelId: state.modelId!, name: newName, previousName: state.name! },
    });
  }
  return events;
}
