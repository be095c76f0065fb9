import { z } from 'zod';
import { defineMessage } from '../catalog';
import {
  ArtifactSchema,
  InputExampleSchema,
  LoggedModelIdSchema,
  MetricsSchema,
  ModelNameSchema,
  SignatureSchema,
  TagsSchema,
  VersionLabelSchema,
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

/**
 * Params as a caller sends them: MLflow keeps every param as text (log_param stringifies its
 * value), so a number or a boolean is stored as its JSON text (0.1 → "0.1", true → "true").
 */
const ParamsInputSchema = z
  .record(
    z.string().min(1).max(250),
    z
      .union([z.string(), z.number(), z.boolean()], { error: 'must be a string, a number or a boolean' })
      .transform(String)
      .pipe(z.string().max(6000, 'must be at most 6000 characters')),
  )
  .refine((params) => Object.keys(params).length <= 500, 'at most 500 params');

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
    params: ParamsInputSchema.optional(),
    signature: SignatureSchema.nullable().optional(),
    framework: z.string().max(64).optional(),
    artifact: ArtifactSchema.nullable().optional(),
    /** MLflow 3's model_id: the logged model the version comes from (source `models:/<loggedModelId>`). */
    loggedModelId: LoggedModelIdSchema.min(1, 'must not be empty').optional(),
    /** The team's own label for the version (a date or a semver), unique per model; the integer version stays MLflow's. */
    label: VersionLabelSchema.optional(),
    /** Example input rows (or one row), checked against the signature; at most 100 rows and 64 KiB. */
    inputExample: z
      .union([InputExampleSchema, InputExampleSchema.element.transform((row) => [row])])
      .pipe(InputExampleSchema)
      .optional(),
  }),
});
export type RegisterModelVersionInput = z.infer<typeof RegisterModelVersion.schema>;
