import { Decider, NotFoundError } from '@ledger/contracts';
import { evolveModel, initialModelState, isLive, ModelCommand, ModelEvent, ModelState } from './model';
import { decideCreateModel } from './creating-model/create-model.decide';
import { decideRegisterVersion } from './registering-version/register-version.decide';
import { decideUpdateModel } from './updating-model/update-model.decide';
import { decideDeleteModelTag, decideSetModelTag } from './tagging-model/tag-model.decide';
import { decideDeleteModel } from './deleting-model/delete-model.decide';
import { decideUpdateVersion } from './updating-version/update-version.decide';
import { decideDeleteVersionTag, decideSetVersionTag } from './tagging-version/tag-version.decide';
import { decideDeleteVersion } from './deleting-version/delete-version.decide';
import { decideSetAlias } from './setting-alias/set-alias.decide';
import { decideDeleteAlias } from './deleting-alias/delete-alias.decide';
import { decideTransitionStage } from './transitioning-stage/transition-stage.decide';
import { decideAttachArtifact } from './attaching-artifact/attach-artifact.decide';
import { authorizeModelCommand } from './authorizing/model-access.policy';
import { decideDeletePermission, decideSetPermission } from './granting-permission/grant-permission.decide';
import { decideSetProtection } from './protecting-model/protect-model.decide';

export type { ModelCommand } from './model';

/** Dispatch only: every rule lives in its slice's decide function. */
export function decideModel(command: ModelCommand, state: ModelState): ModelEvent[] {
  if (command.type === 'CreateRegisteredModel') return decideCreateModel(command, state);
  // A deleted model answers like one that never existed. Commands address models by name: one
  // that reached a stream whose model has another name now (renamed since the caller looked it
  // up) must not act on that model. An upload's AttachArtifact is addressed by id, so a rename
  // while its bytes streamed does not lose it.
  if (!isLive(state) || (command.type !== 'AttachArtifact' && state.name !== command.data.name)) {
    throw new NotFoundError(`registered model "${command.data.name}" does not exist`, { name: command.data.name });
  }
  if (command.access) authorizeModelCommand(command, state, command.access);
  switch (command.type) {
    case 'RegisterModelVersion':
      return decideRegisterVersion(command, state);
    case 'UpdateRegisteredModel':
      return decideUpdateModel(command, state);
    case 'SetRegisteredModelTag':
      return decideSetModelTag(command, state);
    case 'DeleteRegisteredModelTag':
      return decideDeleteModelTag(command, state);
    case 'DeleteRegisteredModel':
      return decideDeleteModel(command, state);
    case 'UpdateModelVersion':
      return decideUpdateVersion(command, state);
    case 'SetModelVersionTag':
      return decideSetVersionTag(command, state);
    case 'DeleteModelVersionTag':
      return decideDeleteVersionTag(command, state);
    case 'DeleteModelVersion':
      return decideDeleteVersion(command, state);
    case 'SetModelAlias':
      return decideSetAlias(command, state);
    case 'DeleteModelAlias':
      return decideDeleteAlias(command, state);
    case 'TransitionModelVersionStage':
      return decideTransitionStage(command, state);
    case 'AttachArtifact':
      return decideAttachArtifact(command, state);
    case 'SetModelPermission':
      return decideSetPermission(command, state);
    case 'DeleteModelPermission':
      return decideDeletePermission(command, state);
    case 'SetModelProtection':
      return decideSetProtection(command, state);
  }
}

export const modelDecider: Decider<ModelCommand, ModelEvent, ModelState> = {
  initialState: initialModelState,
  decide: decideModel,
  evolve: evolveModel,
};
