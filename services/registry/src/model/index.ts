import { Feature } from '@ledger/platform';
import type { RegistryContext } from '../registry.context';
import { CreateModelHttp } from './creating-model/create-model.http';
import { createModelOnBus } from './creating-model/create-model.bus';
import { MODEL_NAMES_MIGRATION, modelNamesProjection } from './creating-model/model-names.projection';
import { RegisterVersionHttp } from './registering-version/register-version.http';
import { registerVersionOnBus } from './registering-version/register-version.bus';
import { GetModelHttp } from './getting-model/get-model.http';
import {
  REGISTERED_MODELS_DELETED_MIGRATION,
  REGISTERED_MODELS_MIGRATION,
  registeredModelsProjection,
} from './getting-model/registered-models.projection';
import { ListVersionsHttp } from './listing-versions/list-versions.http';
import { ChangelogHttp } from './reading-changelog/changelog.http';
import { CompareVersionsHttp } from './comparing-versions/compare-versions.http';
import { BestVersionHttp } from './finding-best-version/best-version.http';
import { StatsHttp } from './getting-stats/stats.http';
import {
  MODEL_VERSIONS_LIFECYCLE_MIGRATION,
  MODEL_VERSIONS_MIGRATION,
  MODEL_VERSIONS_STORAGE_LOCATION_MIGRATION,
  MODEL_VERSIONS_REGISTERED_BY_MIGRATION,
  MODEL_VERSIONS_LOGGED_MODEL_MIGRATION,
  MODEL_VERSIONS_ARTIFACT_UPLOADED_MIGRATION,
  MODEL_VERSIONS_LABEL_MIGRATION,
  modelVersionsProjection,
} from './listing-versions/model-versions.projection';
import { UpdateModelHttp } from './updating-model/update-model.http';
import { updateModelOnBus } from './updating-model/update-model.bus';
import { TagModelHttp } from './tagging-model/tag-model.http';
import { deleteModelTagOnBus, setModelTagOnBus } from './tagging-model/tag-model.bus';
import { DeleteModelHttp } from './deleting-model/delete-model.http';
import { deleteModelOnBus } from './deleting-model/delete-model.bus';
import { UpdateVersionHttp } from './updating-version/update-version.http';
import { updateVersionOnBus } from './updating-version/update-version.bus';
import { TagVersionHttp } from './tagging-version/tag-version.http';
import { deleteVersionTagOnBus, setVersionTagOnBus } from './tagging-version/tag-version.bus';
import { DeleteVersionHttp } from './deleting-version/delete-version.http';
import { deleteVersionOnBus } from './deleting-version/delete-version.bus';
import { SetAliasHttp } from './setting-alias/set-alias.http';
import { setAliasOnBus } from './setting-alias/set-alias.bus';
import { DeleteAliasHttp } from './deleting-alias/delete-alias.http';
import { deleteAliasOnBus } from './deleting-alias/delete-alias.bus';
import { GetAliasHttp } from './getting-alias/get-alias.http';
import { MODEL_ALIASES_MIGRATION, modelAliasesProjection } from './getting-alias/model-aliases.projection';
import { TransitionStageHttp } from './transitioning-stage/transition-stage.http';
import { transitionStageOnBus } from './transitioning-stage/transition-stage.bus';
import { LatestVersionsHttp } from './getting-latest-versions/latest-versions.http';
import { ResolveUriHttp } from './resolving-uri/resolve-uri.http';
import { GrantPermissionHttp } from './granting-permission/grant-permission.http';
import { deletePermissionOnBus, setPermissionOnBus } from './granting-permission/grant-permission.bus';
import { ProtectModelHttp } from './protecting-model/protect-model.http';
import { setProtectionOnBus } from './protecting-model/protect-model.bus';
import { MODEL_ACCESS_MIGRATION, modelAccessProjection } from './authorizing/model-access.projection';

/** The model aggregate: registered models and their versions, tags, aliases and stages. */
export const modelFeature: Feature<RegistryContext> = {
  name: 'model',
  http: [
    CreateModelHttp,
    RegisterVersionHttp,
    GetModelHttp,
    ListVersionsHttp,
    ChangelogHttp,
    CompareVersionsHttp,
    BestVersionHttp,
    StatsHttp,
    UpdateModelHttp,
    TagModelHttp,
    DeleteModelHttp,
    UpdateVersionHttp,
    TagVersionHttp,
    DeleteVersionHttp,
    SetAliasHttp,
    DeleteAliasHttp,
    GetAliasHttp,
    TransitionStageHttp,
    LatestVersionsHttp,
    ResolveUriHttp,
    GrantPermissionHttp,
    ProtectModelHttp,
  ],
  bus: [
    createModelOnBus,
    registerVersionOnBus,
    updateModelOnBus,
    setModelTagOnBus,
    deleteModelTagOnBus,
    deleteModelOnBus,
    updateVersionOnBus,
    setVersionTagOnBus,
    deleteVersionTagOnBus,
    deleteVersionOnBus,
    setAliasOnBus,
    deleteAliasOnBus,
    transitionStageOnBus,
    setPermissionOnBus,
    deletePermissionOnBus,
    setProtectionOnBus,
  ],
  // The name index first: a taken name aborts the transaction before any other read model is touched.
  inline: [
    modelNamesProjection,
    registeredModelsProjection,
    modelVersionsProjection,
    modelAliasesProjection,
    modelAccessProjection,
  ],
  migrations: [
    MODEL_NAMES_MIGRATION,
    REGISTERED_MODELS_MIGRATION,
    MODEL_VERSIONS_MIGRATION,
    REGISTERED_MODELS_DELETED_MIGRATION,
    MODEL_VERSIONS_LIFECYCLE_MIGRATION,
    MODEL_ALIASES_MIGRATION,
    MODEL_VERSIONS_STORAGE_LOCATION_MIGRATION,
    MODEL_VERSIONS_REGISTERED_BY_MIGRATION,
    MODEL_VERSIONS_LOGGED_MODEL_MIGRATION,
    MODEL_VERSIONS_ARTIFACT_UPLOADED_MIGRATION,
    MODEL_VERSIONS_LABEL_MIGRATION,
    MODEL_ACCESS_MIGRATION,
  ],
};
