import { z } from 'zod';
import { defineMessage } from '../catalog';

export const MODEL_NAME_MAX = 256;
// Messages omit the field: validators report them under its path ("name: must be …").
export const ModelNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MODEL_NAME_MAX, `must be at most ${MODEL_NAME_MAX} characters`)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .regex(/^[^/\u0000-\u001f]+$/, 'must not contain "/" or control characters');

export const TagsSchema = z
  .record(z.string().min(1).max(250), z.string().max(5000))
  .refine((tags) => Object.keys(tags).length <= 100, 'at most 100 tags');

export const MetricsSchema = z
  .record(z.string().min(1).max(250), z.number().finite())
  .refine((metrics) => Object.keys(metrics).length <= 500, 'at most 500 metrics');

export const RegisteredModelCreated = defineMessage({
  type: 'RegisteredModelCreated',
  schemaVersion: 1,
  description: 'A registered model was created; its id is immutable, its name unique.',
  schema: z.object({
    modelId: z.uuid(),
    name: ModelNameSchema,
    description: z.string().max(5000).default(''),
    tags: TagsSchema.default({}),
  }),
});
export type RegisteredModelCreatedData = z.infer<typeof RegisteredModelCreated.schema>;

export const VersionCreated = defineMessage({
  type: 'VersionCreated',
  schemaVersion: 1,
  description: 'A model version was registered; numbers start at 1 per model and are never reused.',
  schema: z.object({
    modelId: z.uuid(),
    name: ModelNameSchema,
    version: z.number().int().positive(),
    source: z.string().max(2048).default(''),
    runId: z.string().max(256).default(''),
    description: z.string().max(5000).default(''),
    tags: TagsSchema.default({}),
    metrics: MetricsSchema.default({}),
  }),
});
export type VersionCreatedData = z.infer<typeof VersionCreated.schema>;
