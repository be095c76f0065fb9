import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { STAGES } from '@ledger/contracts';
import { anyWordPattern, ApiErrors, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { Resolved, resolveModelUri } from './resolve-model-uri';

const UriSchema = z.string().min(1, 'is required').max(2048);

// The grammar parseModelUri takes, for the document (version numbers up to 9 digits: a bound below
// its INT_MAX, so every URI the pattern admits parses).
const SELECTOR = `[1-9][0-9]{0,8}|${anyWordPattern(['latest', ...STAGES])}`;
const URI_PATTERN = `^models:/(?:[^/]+/(?:${SELECTOR})|[^/]+@[^/@]+)$`;

@ApiTags('versions')
@Controller('api/v1/resolve')
export class ResolveUriHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: 'Resolve a models:/ URI to a version and its files',
    description:
      'models:/<name>/<version>, models:/<name>/<stage> (latest in that stage), models:/<name>/latest, models:/<name>@<alias>.',
  })
  @ApiQuery({
    name: 'uri',
    required: true,
    example: 'models:/churn@champion',
    schema: { type: 'string', pattern: URI_PATTERN },
  })
  @ApiOkResponse({
    description: 'The version and where its files are (the stored artifact, else the source)',
    schema: {
      type: 'object',
      example: {
        uri: 'models:/churn@champion',
        name: 'churn',
        version: VERSION_EXAMPLE,
        location: VERSION_EXAMPLE.artifact?.uri,
      },
    },
  })
  @ApiErrors({
    400: {
      error_code: 'INVALID_PARAMETER_VALUE',
      message:
        'uri "models:/churn/canary": "canary" is not a version number, a stage (None, Staging, Production, Archived) or "latest"',
    },
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'registered model "churn" has no version in stage Production',
    },
  })
  async resolve(@Query('uri') uri: unknown): Promise<Resolved> {
    return resolveModelUri(this.registry.db, parseInput(UriSchema, Array.isArray(uri) ? uri[0] : uri, 'uri'));
  }
}
