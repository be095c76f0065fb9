import { Controller, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiQueryFrom } from '@ledger/platform';
import { DatasetNameParam } from '../dataset-params';
import {
  BAD_NAME_EXAMPLE,
  DATASET_VERSION_EXAMPLE,
  DIGEST_MISMATCH_EXAMPLE,
  EMPTY_EXAMPLE,
  NO_FORMAT_EXAMPLE,
  TOO_LARGE_EXAMPLE,
  LONG_QUERY_EXAMPLE,
  UNREADABLE_EXAMPLE,
} from '../datasets.examples';
import { DATASET_MEDIA_TYPES, UploadQuerySchema } from './upload-params';

/**
 * The OpenAPI description of the upload. Requests never reach this method: mountDatasetUpload
 * serves the route as an Express handler registered ahead of the platform's JSON gate and body
 * parsers, so the body streams to the store unread. Arriving here means that wiring is missing.
 */
@ApiTags('datasets')
@Controller('api/v1/datasets/:name/versions')
export class RegisterDatasetHttp {
  @Post()
  @ApiOperation({
    summary: 'Upload a new version of a dataset (CSV, JSON lines or Parquet; streamed, content-addressed by sha256)',
    description:
      'The raw body is the file. It streams to the content-addressed store the registry shares (never held in memory), ' +
      'hashed on the way; DuckDB then reads it back whole to record its columns, their types, missing values and row count. ' +
      'The format comes from the `format` query parameter, else from the Content-Type. A file DuckDB cannot read, an empty ' +
      'one (no rows) or an unknown format is 400 INVALID_PARAMETER_VALUE and records nothing. Each upload is a new immutable ' +
      'version (201), except the same bytes, format and description as the latest version again: a retry, answered with ' +
      'that version (200) and recorded once. The content of an older version uploaded again is a new version (the dataset moved back). ' +
      'Recorded as a DatasetRegistered event.',
  })
  @DatasetNameParam()
  @ApiQueryFrom(UploadQuerySchema, {
    format: 'Wins over Content-Type',
    description:
      'What the dataset is (at most 5000 characters; percent-encoded, the request line and headers must stay under 16 KB, else 431)',
  })
  @ApiHeader({
    name: 'X-Content-SHA256',
    required: false,
    description: 'Expected sha256 (hex) of the body; a mismatch records nothing',
    // What announcedSha256 takes: 64 hex digits, any case, blanks around them ignored.
    schema: { type: 'string', pattern: '^\\s*[0-9A-Fa-f]{64}\\s*$' },
  })
  @ApiConsumes(...DATASET_MEDIA_TYPES, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    description: 'Stored, read back and recorded as a new version',
    schema: { type: 'object', example: DATASET_VERSION_EXAMPLE },
  })
  @ApiOkResponse({
    description: 'The latest version already had these bytes, format and description',
    schema: { type: 'object', example: DATASET_VERSION_EXAMPLE },
  })
  @ApiErrors({
    400: [UNREADABLE_EXAMPLE, NO_FORMAT_EXAMPLE, EMPTY_EXAMPLE, BAD_NAME_EXAMPLE, DIGEST_MISMATCH_EXAMPLE],
    413: TOO_LARGE_EXAMPLE,
    431: LONG_QUERY_EXAMPLE,
  })
  upload(): never {
    throw new Error('dataset uploads are served by mountDatasetUpload; it was not mounted');
  }
}
