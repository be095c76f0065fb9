import { Feature } from '@ledger/platform';
import type { ValidatorContext } from '../validator.context';
import { VersionsAwaitingValidationController } from './getting-versions-awaiting-validation/versions-awaiting-validation.http';
import {
  VERSIONS_AWAITING_VALIDATION_MIGRATION,
  versionsAwaitingValidation,
} from './getting-versions-awaiting-validation/versions-awaiting-validation.projection';
import { registryKnowledgeMigration } from '@ledger/registry-knowledge';

/** The versions the validator has heard of from the registry, and what it projects from them. */
export const versionFeature: Feature<ValidatorContext> = {
  name: 'version',
  http: [VersionsAwaitingValidationController],
  projections: [versionsAwaitingValidation],
  // The registry-knowledge projection itself is the run feature's: it starts a run per VersionCreated.
  migrations: [VERSIONS_AWAITING_VALIDATION_MIGRATION, registryKnowledgeMigration('validator-002-registry-knowledge')],
};
