import { Body, Controller, Inject, Param, Patch } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, DescriptionSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName, parseVersion, VersionParam } from '../../http-params';
import { INVALID_EXAMPLE, MALFORMED_EXAMPLE, VERSION_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { updateVersion } from './update-version';

const UpdateVersionBody = z.strictObject({ description: DescriptionSchema });

@ApiTags('versions')
@Controller('api/v1/models/:name/versions')
export class UpdateVersionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Patch(':version')
  @ApiOperation({ summary: "Replace a version's description" })
  @ModelNameParam()
  @VersionParam()
  @ApiBody({
    schema: openApiSchema(UpdateVersionBody),
    examples: { describe: { value: { description: 'calibrated with isotonic regression' } } },
  })
  @ApiOkResponse({ description: 'The version after the change', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({ 400: [INVALID_EXAMPLE, MALFORMED_EXAMPLE], 404: VERSION_NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async update(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    const { description } = parseInput(UpdateVersionBody, body ?? {});
    return updateVersion(
      this.registry,
      { name: parseModelName(name), version: parseVersion(version), description },
      metadata,
    );
  }
}
