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

/** The largest version number: versions are PostgreSQL integers (int4) wherever they are stored or looked up. */
export const VERSION_NUMBER_MAX = 2_147_483_647;
/** A version number in a body or command: 1 .. int4's max, so a lookup never overflows the database. */
export const VersionNumberSchema = z
  .number()
  .int()
  .min(1, 'must be a positive integer')
  .max(VERSION_NUMBER_MAX, `must be at most ${VERSION_NUMBER_MAX}`);

export const TagKeySchema = z.string().min(1, 'must not be empty').max(250, 'must be at most 250 characters');
export const TagValueSchema = z.string().max(5000, 'must be at most 5000 characters');
// MLflow allows 100,000 characters in a version tag (its prompt registry keeps prompt text there).
export const VersionTagValueSchema = z.string().max(100_000, 'must be at most 100000 characters');
export const DescriptionSchema = z.string().max(5000, 'must be at most 5000 characters');

export const TagsSchema = z
  .record(TagKeySchema, TagValueSchema)
  .refine((tags) => Object.keys(tags).length <= 100, 'at most 100 tags');
export const VersionTagsSchema = z
  .record(TagKeySchema, VersionTagValueSchema)
  .refine((tags) => Object.keys(tags).length <= 100, 'at most 100 tags');

// A JSON number too large for a double (1e999) parses as Infinity; say so rather than "not a number".
const MetricValueSchema = z.number({
  error: (issue) =>
    issue.input === Infinity || issue.input === -Infinity
      ? 'must be a finite number: JSON numbers as large as this (e.g. 1e999) do not fit a double and read as infinity'
      : undefined,
});

export const MetricsSchema = z
  .record(z.string().min(1).max(250), MetricValueSchema)
  .refine((metrics) => Object.keys(metrics).length <= 500, 'at most 500 metrics');

export const ParamsSchema = z
  .record(z.string().min(1).max(250), z.string().max(6000))
  .refine((params) => Object.keys(params).length <= 500, 'at most 500 params');

/**
 * One input or output of a model: a column or tensor, its type and (for tensors) shape; -1 is a
 * free dimension. The name is optional because MLflow signatures often leave outputs (and
 * tensor-based inputs) unnamed; such entries are known by their position.
 */
export const TensorSpecSchema = z.strictObject({
  name: z.string().min(1).max(250).optional(),
  type: z.string().min(1).max(64),
  shape: z.array(z.number().int().min(-1)).max(32).optional(),
});
export type TensorSpec = z.infer<typeof TensorSpecSchema>;

const namesAreUnique = (specs: TensorSpec[]): boolean => {
  const names = specs.flatMap((spec) => (spec.name === undefined ? [] : [spec.name]));
  return new Set(names).size === names.length;
};
const TensorSpecsSchema = z.array(TensorSpecSchema).max(1000).refine(namesAreUnique, 'names must be unique');

export const SignatureSchema = z.strictObject({
  inputs: TensorSpecsSchema,
  outputs: TensorSpecsSchema,
});
export type Signature = z.infer<typeof SignatureSchema>;

/** Where the version's files are and their digest, so a download can be verified. */
export const ArtifactSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  sizeBytes: z.number().int().min(0),
  uri: z.string().min(1).max(2048),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const SemverSchema = z.object({
  label: z.string().regex(/^\d+\.\d+\.\d+$/),
  reason: z.string().max(2000),
});
export type Semver = z.infer<typeof SemverSchema>;

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

/** MLflow 3's id of a logged model (`m-<32 hex>`), as its tracking server names one; '' for none. */
export const LoggedModelIdSchema = z
  .string()
  .max(256, 'must be at most 256 characters')
  .regex(/^[A-Za-z0-9._:-]*$/, 'must be letters, digits, ".", "_", ":" or "-" (a logged model id such as m-7f3a…)');

/**
 * A label a team names its versions by: a date (`20240226`) or a semantic version (`1.0.0`),
 * checked by the registry when a version is registered (the pattern is the aggregate's, so a
 * producer's generator is not held to it here).
 */
export const VersionLabelSchema = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

export const INPUT_EXAMPLE_MAX_BYTES = 65_536;
/**
 * Rows of model input as MLflow's input_example: column (input name) → value, a tensor as a
 * (nested) array. Bounded: at most 100 rows and 64 KiB as JSON; the signature checks the rest.
 */
const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
// A column's value, or a tensor's row up to two dimensions deep (no recursion: exported schemas stay flat).
const ExampleValueSchema = z.union([ScalarSchema, z.array(z.union([ScalarSchema, z.array(ScalarSchema)]))]);
export const InputExampleSchema = z
  .array(z.record(z.string().min(1).max(250), ExampleValueSchema), {
    error: 'must be a list of rows (input name → value)',
  })
  .min(1, 'must have at least one row')
  .max(100, 'must have at most 100 rows')
  .refine(
    (rows) => Buffer.byteLength(JSON.stringify(rows)) <= INPUT_EXAMPLE_MAX_BYTES,
    `must be at most ${INPUT_EXAMPLE_MAX_BYTES} bytes as JSON`,
  );
export type InputExample = z.infer<typeof InputExampleSchema>;

export const VersionCreated = defineMessage({
  type: 'VersionCreated',
  schemaVersion: 4,
  description: 'A model version was registered; numbers start at 1 per model and are never reused.',
  schema: z.object({
    modelId: z.uuid(),
    name: ModelNameSchema,
    version: z.number().int().positive(),
    source: z.string().max(2048).default(''),
    runId: z.string().max(256).default(''),
    runLink: z.string().max(2048).default(''),
    description: z.string().max(5000).default(''),
    tags: VersionTagsSchema.default({}),
    metrics: MetricsSchema.default({}),
    params: ParamsSchema.default({}),
    signature: SignatureSchema.nullable().default(null),
    framework: z.string().max(64).default(''),
    artifact: ArtifactSchema.nullable().default(null),
    /**
     * For a version registered from a `models:/` source: where the files of the version it names
     * were at registration, so its download location survives that version's later delete or
     * move (MLflow's storage_location). Empty otherwise. Added later; older events read as empty.
     */
    storageLocation: z.string().max(2048).default(''),
    /**
     * The MLflow 3 logged model the version was registered from (MLflow's model_id; its source is
     * then usually `models:/<loggedModelId>`). Empty for versions registered from a run or a path.
     */
    loggedModelId: LoggedModelIdSchema.default(''),
    /** null only for versions registered before labels existed (schema version 1). */
    semver: SemverSchema.nullable().default(null),
    /** The label the registering team chose (unique per model); '' when none was given. */
    label: z.string().max(64).default(''),
    /** Example input rows, checked against the signature at registration; null when none was given. */
    inputExample: InputExampleSchema.nullable().default(null),
  }),
  upcasters: {
    // v1 knew none of these; a v1 version had no signature, artifact or label.
    1: (data) => ({ runLink: '', params: {}, signature: null, framework: '', artifact: null, semver: null, ...data }),
    // v2 knew no logged models (MLflow 3's model_id).
    2: (data) => ({ loggedModelId: '', ...data }),
    // v3 knew no labels chosen by the user and no input examples.
    3: (data) => ({ label: '', inputExample: null, ...data }),
  },
});
export type VersionCreatedData = z.infer<typeof VersionCreated.schema>;
