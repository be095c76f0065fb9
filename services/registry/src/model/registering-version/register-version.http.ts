import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, RegisterModelVersion } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName } from '../../http-params';
import {
  INVALID_EXAMPLE,
  MALFORMED_EXAMPLE,
  NOT_FOUND_EXAMPLE,
  TOO_LARGE_EXAMPLE,
  VERSION_EXAMPLE,
} from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { registerVersion } from './register-version';

// The model comes from the path; the body holds the rest of the command.
const RegisterVersionBody = RegisterModelVersion.schema.omit({ name: true });

@ApiTags('versions')
@Controller('api/v1/models/:name/versions')
export class RegisterVersionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register the next version of a model',
    description:
      'Numbers start at 1 per model and are never reused. The answer carries a suggested semantic version label (semver) with its reason.',
  })
  @ModelNameParam()
  @ApiBody({
    required: false,
    schema: openApiSchema(RegisterVersionBody),
    examples: {
      minimal: { value: {} },
      full: {
        value: (({ source, runId, runLink, description, tags, metrics, params, signature, framework, artifact }) => ({
          ...{ source, runId, runLink, description, tags, metrics, params, signature, framework, artifact },
        }))(VERSION_EXAMPLE),
      },
    },
  })
  @ApiCreatedResponse({ description: 'The new version', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({ 400: [INVALID_EXAMPLE, MALFORMED_EXAMPLE], 404: NOT_FOUND_EXAMPLE, 413: TOO_LARGE_EXAMPLE })
  @CommandHeaders()
  async register(
    @Param('name') rawName: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    const name = parseModelName(rawName);
    const input: z.output<typeof RegisterVersionBody> = parseInput(RegisterVersionBody, body ?? {});
    return registerVersion(this.registry, { ...input, name }, metadata);
  }
}
