import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata } from '@ledger/platform';
import { ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteModel } from './delete-model';

@ApiTags('models')
@Controller('api/v1/models')
export class DeleteModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a registered model',
    description:
      'An event: the model and its versions answer RESOURCE_DOES_NOT_EXIST afterwards and the name is free again; the history stays in the log.',
  })
  @ModelNameParam()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async delete(@Param('name') name: string, @HttpCommandMetadata() metadata: CommandMetadata): Promise<void> {
    await deleteModel(this.registry, { name: parseModelName(name) }, metadata);
  }
}
