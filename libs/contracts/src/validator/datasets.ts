import { z } from 'zod';
import { defineMessage, MessageCatalog } from '../catalog';
import { Sha256Schema } from '../identity/principal-events';
import { DescriptionSchema } from '../registry/events';

export const DATASET_NAME_MAX = 256;
// Names travel in URL paths and file names: letters, digits and . _ - only (e.g. churn-2026-03).
export const DatasetNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(DATASET_NAME_MAX, `must be at most ${DATASET_NAME_MAX} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and hold only letters, digits and . _ -');

export const DATASET_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export const DatasetFormatSchema = z.enum(DATASET_FORMATS, { error: `must be one of ${DATASET_FORMATS.join(', ')}` });
export type DatasetFormat = z.infer<typeof DatasetFormatSchema>;

/** A column as DuckDB read it: its SQL type (BIGINT, DOUBLE, VARCHAR, …) and how many values it lacks. */
export const DatasetColumnSchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  nullCount: z.number().int().min(0),
});
export type DatasetColumn = z.infer<typeof DatasetColumnSchema>;

export const DatasetRegistered = defineMessage({
  type: 'DatasetRegistered',
  schemaVersion: 1,
  description:
    'A new immutable version of a named dataset (reference, holdout, current) was stored, content-addressed by sha256, and read back: its columns, types and row count.',
  schema: z.strictObject({
    name: DatasetNameSchema,
    version: z.number().int().min(1),
    sha256: Sha256Schema,
    format: DatasetFormatSchema,
    sizeBytes: z.number().int().min(1),
    rowCount: z.number().int().min(1),
    columns: z.array(DatasetColumnSchema).min(1),
    description: DescriptionSchema.optional(),
  }),
});
export type DatasetRegisteredData = z.infer<typeof DatasetRegistered.schema>;

/** The dataset events of the validator's log; the validator's one catalog merges them. */
export const datasetEvents = new MessageCatalog([DatasetRegistered]);
