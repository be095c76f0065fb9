import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ArtifactSchema, DescriptionSchema, ModelNameSchema, TagKeySchema, VersionTagValueSchema } from './events';
import { StageSchema } from './stages';

const VersionRef = { modelId: z.uuid(), name: ModelNameSchema, version: z.number().int().positive() };
export const AliasNameSchema = z.string().min(1).max(255);

export const VersionDescriptionUpdated = defineMessage({
  type: 'VersionDescriptionUpdated',
  schemaVersion: 1,
  description: "A model version's description was replaced.",
  schema: z.object({ ...VersionRef, description: DescriptionSchema }),
});
export type VersionDescriptionUpdatedData = z.infer<typeof VersionDescriptionUpdated.schema>;

export const VersionTagSet = defineMessage({
  type: 'VersionTagSet',
  schemaVersion: 1,
  description: 'A tag of a model version was set (created or overwritten).',
  schema: z.object({ ...VersionRef, key: TagKeySchema, value: VersionTagValueSchema }),
});
export type VersionTagSetData = z.infer<typeof VersionTagSet.schema>;

export const VersionTagDeleted = defineMessage({
  type: 'VersionTagDeleted',
  schemaVersion: 1,
  description: 'A tag of a model version was removed.',
  schema: z.object({ ...VersionRef, key: TagKeySchema }),
});
export type VersionTagDeletedData = z.infer<typeof VersionTagDeleted.schema>;

export const VersionDeleted = defineMessage({
  type: 'VersionDeleted',
  schemaVersion: 1,
  description:
    'A model version was deleted (soft): it answers "not found", its number is never reused, and the aliases that pointed at it are removed by this same event.',
  schema: z.object({ ...VersionRef, removedAliases: z.array(AliasNameSchema) }),
});
export type VersionDeletedData = z.infer<typeof VersionDeleted.schema>;

export const AliasSet = defineMessage({
  type: 'AliasSet',
  schemaVersion: 1,
  description: 'An alias now points at a version; previousVersion is where it pointed before (null: it is new).',
  schema: z.object({ ...VersionRef, alias: AliasNameSchema, previousVersion: z.number().int().positive().nullable() }),
});
export type AliasSetData = z.infer<typeof AliasSet.schema>;

export const AliasDeleted = defineMessage({
  type: 'AliasDeleted',
  schemaVersion: 1,
  description: 'An alias was removed; version is where it pointed.',
  schema: z.object({ ...VersionRef, alias: AliasNameSchema }),
});
export type AliasDeletedData = z.infer<typeof AliasDeleted.schema>;

export const VersionStageTransitioned = defineMessage({
  type: 'VersionStageTransitioned',
  schemaVersion: 1,
  description:
    'A version moved from one stage to another. With archive_existing_versions, every other version that was in the target stage is listed in archivedVersions and became Archived in this same event.',
  schema: z.object({
    ...VersionRef,
    from: StageSchema,
    to: StageSchema,
    archivedVersions: z.array(z.object({ version: z.number().int().positive(), from: StageSchema })),
  }),
});
export type VersionStageTransitionedData = z.infer<typeof VersionStageTransitioned.schema>;

export const ArtifactAttached = defineMessage({
  type: 'ArtifactAttached',
  schemaVersion: 1,
  description:
    "A version's artifact was uploaded and attached: its bytes are in the content-addressed store under sha256. An artifact never changes; a version has at most one.",
  schema: z.object({
    ...VersionRef,
    sha256: ArtifactSchema.shape.sha256,
    sizeBytes: ArtifactSchema.shape.sizeBytes,
    uri: ArtifactSchema.shape.uri,
  }),
});
export type ArtifactAttachedData = z.infer<typeof ArtifactAttached.schema>;
