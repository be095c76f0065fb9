import { MessageCatalog } from '../catalog';
import { CreateRegisteredModel, RegisterModelVersion } from './commands';
import {
  DeleteRegisteredModel,
  DeleteRegisteredModelTag,
  SetRegisteredModelTag,
  UpdateRegisteredModel,
} from './model-commands';
import {
  AttachArtifact,
  DeleteModelAlias,
  DeleteModelVersion,
  DeleteModelVersionTag,
  SetModelAlias,
  SetModelVersionTag,
  TransitionModelVersionStage,
  UpdateModelVersion,
} from './version-commands';
import { RegisteredModelCreated, VersionCreated } from './events';
import {
  DeleteModelPermission,
  ModelPermissionDeleted,
  ModelPermissionSet,
  ModelProtectionSet,
  SetModelPermission,
  SetModelProtection,
} from './access';
import {
  RegisteredModelDeleted,
  RegisteredModelDescriptionUpdated,
  RegisteredModelRenamed,
  RegisteredModelTagDeleted,
  RegisteredModelTagSet,
} from './model-events';
import {
  AliasDeleted,
  AliasSet,
  ArtifactAttached,
  VersionDeleted,
  VersionDescriptionUpdated,
  VersionStageTransitioned,
  VersionTagDeleted,
  VersionTagSet,
} from './version-events';

export * from './events';
export * from './model-events';
export * from './version-events';
export * from './stages';
export * from './commands';
export * from './model-commands';
export * from './version-commands';
export * from './access';

export const registryEvents = new MessageCatalog([
  RegisteredModelCreated,
  VersionCreated,
  RegisteredModelRenamed,
  RegisteredModelDescriptionUpdated,
  RegisteredModelTagSet,
  RegisteredModelTagDeleted,
  RegisteredModelDeleted,
  VersionDescriptionUpdated,
  VersionTagSet,
  VersionTagDeleted,
  VersionDeleted,
  AliasSet,
  AliasDeleted,
  VersionStageTransitioned,
  ArtifactAttached,
  ModelPermissionSet,
  ModelPermissionDeleted,
  ModelProtectionSet,
]);
export const registryCommands = new MessageCatalog([
  CreateRegisteredModel,
  RegisterModelVersion,
  UpdateRegisteredModel,
  SetRegisteredModelTag,
  DeleteRegisteredModelTag,
  DeleteRegisteredModel,
  UpdateModelVersion,
  SetModelVersionTag,
  DeleteModelVersionTag,
  DeleteModelVersion,
  SetModelAlias,
  DeleteModelAlias,
  TransitionModelVersionStage,
  AttachArtifact,
  SetModelPermission,
  DeleteModelPermission,
  SetModelProtection,
]);
