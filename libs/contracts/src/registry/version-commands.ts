import { z } from 'zod';
import { defineMessage } from '../catalog';
import {
  ArtifactSchema,
  DescriptionSchema,
  ModelNameSchema,
  TagKeySchema,
  VersionNumberSchema,
  VersionTagValueSchema,
} from './events';

const VersionRef = { name: ModelNameSchema, version: VersionNumberSchema };

export const UpdateModelVersion = defineMessage({
  type: 'UpdateModelVersion',
  schemaVersion: 1,
  description: "Replace a model version's description.",
  schema: z.strictObject({ ...VersionRef, description: DescriptionSchema }),
});
export type UpdateModelVersionInput = z.infer<typeof UpdateModelVersion.schema>;

export const SetModelVersionTag = defineMessage({
  type: 'SetModelVersionTag',
  schemaVersion: 1,
  description: 'Set a tag of a model version.',
  schema: z.strictObject({ ...VersionRef, key: TagKeySchema, value: VersionTagValueSchema }),
});
export type SetModelVersionTagInput = z.infer<typeof SetModelVersionTag.schema>;

export const DeleteModelVersionTag = defineMessage({
  type: 'DeleteModelVersionTag',
  schemaVersion: 1,
  description: 'Remove a tag of a model version.',
  schema: z.strictObject({ ...VersionRef, key: TagKeySchema }),
});
export type DeleteModelVersionTagInput = z.infer<typeof DeleteModelVersionTag.schema>;

export const DeleteModelVersion = defineMessage({
  type: 'DeleteModelVersion',
  schemaVersion: 1,
  description: 'Delete a model version (soft); its aliases go with it and its number is never reused.',
  schema: z.strictObject(VersionRef),
});
export type DeleteModelVersionInput = z.infer<typeof DeleteModelVersion.schema>;

// The alias is checked by the aggregate (reserved names, pattern, length), so one rule serves every edge.
export const SetModelAlias = defineMessage({
  type: 'SetModelAlias',
  schemaVersion: 1,
  description:
    'Point an alias at a version (moving it if set). With expectedVersion it is a compare-and-set: the alias must currently point there (null: must be unset).',
  schema: z.strictObject({
    ...VersionRef,
    alias: z.string(),
    expectedVersion: VersionNumberSchema.nullable().optional(),
  }),
});
export type SetModelAliasInput = z.infer<typeof SetModelAlias.schema>;

export const DeleteModelAlias = defineMessage({
  type: 'DeleteModelAlias',
  schemaVersion: 1,
  description:
    'Remove an alias of a registered model. With ifExists, an alias that is not set is no error and no event (as MLflow answers it). With expectedVersion, a set alias is removed only while it points to that version.',
  schema: z.strictObject({
    name: ModelNameSchema,
    alias: z.string(),
    ifExists: z.boolean().optional(),
    expectedVersion: VersionNumberSchema.optional(),
  }),
});
export type DeleteModelAliasInput = z.infer<typeof DeleteModelAlias.schema>;

export const TransitionModelVersionStage = defineMessage({
  type: 'TransitionModelVersionStage',
  schemaVersion: 1,
  description:
    'Move a version to None, Staging, Production or Archived (case-insensitive). archiveExistingVersions (Staging/Production only) archives every other version in the target stage in the same event. With expectedStage it is a compare-and-set: the version must be in that stage now.',
  schema: z.strictObject({
    ...VersionRef,
    stage: z.string().max(64),
    archiveExistingVersions: z.boolean().optional(),
    expectedStage: z.string().max(64).optional(),
  }),
});
export type TransitionModelVersionStageInput = z.infer<typeof TransitionModelVersionStage.schema>;

export const AttachArtifact = defineMessage({
  type: 'AttachArtifact',
  schemaVersion: 1,
  description:
    'Attach the artifact whose bytes are already in the content-addressed store to a version. Attaching the same sha256 again changes nothing; a different one is refused (an artifact never changes).',
  schema: z.strictObject({
    ...VersionRef,
    sha256: ArtifactSchema.shape.sha256,
    sizeBytes: ArtifactSchema.shape.sizeBytes,
    uri: ArtifactSchema.shape.uri,
  }),
});
export type AttachArtifactInput = z.infer<typeof AttachArtifact.schema>;
