import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata } from '@ledger/platform';
import { AliasParam, ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteAlias } from './delete-alias';

@ApiTags('aliases')
@Controller('api/v1/models/:name/aliases')
export class DeleteAliasHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Delete(':alias')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alias', description: 'The AliasDeleted event keeps the version it pointed at.' })
  @ModelNameParam()
  @AliasParam()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({
    400: INVALID_EXAMPLE,
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'alias "champion" of registered model "churn" does not exist',
    },
  })
  @CommandHeaders()
  async delete(
    @Param('name') name: string,
    @Param('alias') alias: string,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<void> {
    await deleteAlias(this.registry, { name: parseModelName(name), alias }, metadata);
  }
}
