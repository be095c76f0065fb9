import { z } from 'zod';
import { defineMessage } from '../catalog';
import {
  ArtifactSchema,
  LoggedModelIdSchema,
  MetricsSchema,
  ModelNameSchema,
  ParamsSchema,
  SignatureSchema,
  TagsSchema,
  VersionTagsSchema,
} from './events';

export const CreateRegisteredModel = defineMessage({
  type: 'CreateRegisteredModel',
  schemaVersion: 1,
  description: 'Create a registered model with a unique name.',
  schema: z.strictObject({
    name: ModelNameSchema,
    description: z.string().max(5000).optional(),
    tags: TagsSchema.optional(),
  }),
});
export type CreateRegisteredModelInput = z.infer<typeof CreateRegisteredModel.schema>;

// New optional fields are additive, so version 1 producers stay valid without an upcaster.
export const RegisterModelVersion = defineMessage({
  type: 'RegisterModelVersion',
  schemaVersion: 1,
  description: 'Register the next version of an existing registered model.',
  schema: z.strictObject({
    name: ModelNameSchema,
    source: z.string().max(2048).optional(),
    runId: z.string().max(256).optional(),
    runLink: z.string().max(2048).optional(),
    description: z.string().max(5000).optional(),
    tags: VersionTagsSchema.optional(),
    metrics: MetricsSchema.optional(),
    params: ParamsSchema.optional(),
    signature: SignatureSchema.nullable().optional(),
    framework: z.string().max(64).optional(),
    artifact: ArtifactSchema.nullable().optional(),
    /** MLflow 3's model_id: the logged model the version comes from (source `models:/<loggedModelId>`). */
    loggedModelId: LoggedModelIdSchema.optional(),
  }),
});
export type RegisterModelVersionInput = z.infer<typeof RegisterModelVersion.schema>;
