import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata } from '@ledger/platform';
import { ModelNameParam, parseModelName, parseVersion, VersionParam } from '../../http-params';
import { INVALID_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteVersion } from './delete-version';

@ApiTags('versions')
@Controller('api/v1/models/:name/versions')
export class DeleteVersionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Delete(':version')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a model version (soft)',
    description:
      'The version answers RESOURCE_DOES_NOT_EXIST afterwards, its aliases are removed by the same event, and its number is never reused.',
  })
  @ModelNameParam()
  @VersionParam()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: VERSION_NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async delete(
    @Param('name') name: string,
    @Param('version') version: string,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<void> {
    await deleteVersion(this.registry, { name: parseModelName(name), version: parseVersion(version) }, metadata);
  }
}
