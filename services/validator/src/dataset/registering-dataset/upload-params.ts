import { z } from 'zod';
import {
  DATASET_FORMATS,
  DatasetFormat,
  DatasetFormatSchema,
  DescriptionSchema,
  ValidationError,
} from '@ledger/contracts';
import { parseInput } from '@ledger/platform';

// Media types seen in the wild for each format (RFC 4180 CSV, the JSON-lines / NDJSON variants, Parquet's IANA type).
const FORMAT_OF_MEDIA_TYPE: Record<string, DatasetFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/json-lines': 'jsonl',
  'application/x-ndjson': 'jsonl',
  'application/ndjson': 'jsonl',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/parquet': 'parquet',
};

export const DATASET_MEDIA_TYPES = Object.keys(FORMAT_OF_MEDIA_TYPE);

export const UploadQuerySchema = z.strictObject({
  format: DatasetFormatSchema.optional(),
  description: DescriptionSchema.optional(),
});

export interface UploadParams {
  format: DatasetFormat;
  description?: string;
}

/**
 * What an upload says about itself: the `format` query parameter, or else its Content-Type
 * (the explicit parameter wins, so a client that can only send application/octet-stream can
 * still upload). Neither known → 400 naming `format`.
 */
export function uploadParams(query: Record<string, unknown>, contentType: string | undefined): UploadParams {
  const { format, description } = parseInput(UploadQuerySchema, query, 'query');
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const chosen = format ?? FORMAT_OF_MEDIA_TYPE[mediaType];
  if (!chosen)
    throw new ValidationError(
      `format: give the query parameter format (${DATASET_FORMATS.join(', ')}) or a Content-Type of one of them; ` +
        `"${mediaType || 'none'}" names no dataset format`,
      { field: 'format', contentType: mediaType || null },
    );
  return description === undefined ? { format: chosen } : { format: chosen, description };
}
