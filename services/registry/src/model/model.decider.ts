import {
  AttachArtifactInput,
  Command,
  CreateRegisteredModelInput,
  Decider,
  DeleteModelAliasInput,
  DeleteModelVersionInput,
  DeleteModelVersionTagInput,
  DeleteRegisteredModelInput,
  DeleteRegisteredModelTagInput,
  NotFoundError,
  RegisterModelVersionInput,
  SetModelAliasInput,
  SetModelVersionTagInput,
  SetRegisteredModelTagInput,
  TransitionModelVersionStageInput,
  UpdateModelVersionInput,
  UpdateRegisteredModelInput,
} from '@ledger/contracts';
import { evolveModel, initialModelState, isLive, ModelEvent, ModelState } from './model';
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

export type CreateModel = Command<'CreateRegisteredModel', CreateRegisteredModelInput>;
/**
 * What the registry decides on: the caller's input and, for a `models:/` source, where that
 * version's files were when it was looked up (never taken from the caller).
 */
export type RegisterVersionData = RegisterModelVersionInput & { storageLocation?: string };
export type RegisterVersion = Command<'RegisterModelVersion', RegisterVersionData>;
export type UpdateModel = Command<'UpdateRegisteredModel', UpdateRegisteredModelInput>;
export type SetModelTag = Command<'SetRegisteredModelTag', SetRegisteredModelTagInput>;
export type DeleteModelTag = Command<'DeleteRegisteredModelTag', DeleteRegisteredModelTagInput>;
export type DeleteModel = Command<'DeleteRegisteredModel', DeleteRegisteredModelInput>;
export type UpdateVersion = Command<'UpdateModelVersion', UpdateModelVersionInput>;
export type SetVersionTag = Command<'SetModelVersionTag', SetModelVersionTagInput>;
export type DeleteVersionTag = Command<'DeleteModelVersionTag', DeleteModelVersionTagInput>;
export type DeleteVersion = Command<'DeleteModelVersion', DeleteModelVersionInput>;
export type SetAlias = Command<'SetModelAlias', SetModelAliasInput>;
export type DeleteAlias = Command<'DeleteModelAlias', DeleteModelAliasInput>;
export type TransitionStage = Command<'TransitionModelVersionStage', TransitionModelVersionStageInput>;
export type AttachArtifact = Command<'AttachArtifact', AttachArtifactInput>;
export type ModelCommand =
  | CreateModel
  | RegisterVersion
  | UpdateModel
  | SetModelTag
  | DeleteModelTag
  | DeleteModel
  | UpdateVersion
  | SetVersionTag
  | DeleteVersionTag
  | DeleteVersion
  | SetAlias
  | DeleteAlias
  | TransitionStage
  | AttachArtifact;

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
  }
}

export const modelDecider: Decider<ModelCommand, ModelEvent, ModelState> = {
  initialState: initialModelState,
  decide: decideModel,
  evolve: evolveModel,
};
