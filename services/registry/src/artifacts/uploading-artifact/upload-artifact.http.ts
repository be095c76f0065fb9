import { Controller, Put } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '@ledger/platform';
import { ModelNameParam, VersionParam } from '../../http-params';
import {
  ALREADY_ATTACHED_EXAMPLE,
  ARTIFACT_EXAMPLE,
  ARTIFACT_SHA_EXAMPLE,
  ARTIFACT_TOO_LARGE_EXAMPLE,
  NOT_BYTES_EXAMPLE,
  DIGEST_MISMATCH_EXAMPLE,
  VERSION_NOT_FOUND_EXAMPLE,
} from '../artifacts.examples';

/**
 * The OpenAPI description of the upload. Requests never reach this method: mountArtifactUpload
 * serves the route as an Express handler registered ahead of the platform's JSON gate and body
 * parsers, so the body streams to the store unread. Arriving here means that wiring is missing.
 */
@ApiTags('artifacts')
@Controller('api/v1/models/:name/versions/:version/artifact')
export class UploadArtifactHttp {
  @Put()
  @ApiOperation({
    summary: "Upload a version's artifact (streamed, content-addressed by sha256)",
    description:
      'The raw body is the artifact. It is streamed to the store, never buffered whole, and hashed on the way; ' +
      'bodies over the limit (ARTIFACT_MAX_BYTES, default 5 GiB) are refused with 413 and nothing is kept. ' +
      'An artifact never changes: uploading the same bytes again answers 200, different bytes 400 RESOURCE_ALREADY_EXISTS. ' +
      'A version registered with an artifact (sha256, sizeBytes) accepts only those bytes: others are refused with 400 ' +
      'INVALID_PARAMETER_VALUE. A refused upload attaches nothing and leaves no unreferenced blob behind.',
  })
  @ModelNameParam()
  @VersionParam()
  @ApiHeader({
    name: 'X-Content-SHA256',
    required: false,
    description: 'Expected sha256 (hex); a mismatch stores nothing',
    example: ARTIFACT_SHA_EXAMPLE,
    // What parseExpectedSha256 takes: 64 hex digits, any case, blanks around them ignored.
    schema: { type: 'string', pattern: '^\\s*[0-9A-Fa-f]{64}\\s*$' },
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    description: 'Stored and attached to the version',
    schema: { type: 'object', example: ARTIFACT_EXAMPLE },
  })
  @ApiOkResponse({
    description: 'The same bytes were already attached',
    schema: { type: 'object', example: ARTIFACT_EXAMPLE },
  })
  @ApiErrors({
    400: [DIGEST_MISMATCH_EXAMPLE, ALREADY_ATTACHED_EXAMPLE],
    404: VERSION_NOT_FOUND_EXAMPLE,
    413: ARTIFACT_TOO_LARGE_EXAMPLE,
    415: NOT_BYTES_EXAMPLE,
  })
  upload(): never {
    throw new Error('artifact uploads are served by mountArtifactUpload (see app.ts); it was not mounted');
  }
}
