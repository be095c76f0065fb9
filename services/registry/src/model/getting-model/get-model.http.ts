import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@ledger/contracts';
import { ApiErrors } from '@ledger/platform';
import { ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, MODEL_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { findModel, ModelView } from './registered-models.projection';
import { AsOfQuery, modelAsOf, parseAsOf } from '../../point-in-time/reading-as-of/as-of';

@ApiTags('models')
@Controller('api/v1/models')
export class GetModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get(':name')
  @ApiOperation({ summary: 'Get a registered model with its latest version number' })
  @ModelNameParam()
  @AsOfQuery()
  @ApiOkResponse({ description: 'The model', schema: { type: 'object', example: MODEL_EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async get(@Param('name') rawName: string, @Query('asOf') rawAsOf?: unknown): Promise<ModelView> {
    const name = parseModelName(rawName);
    const asOf = parseAsOf(rawAsOf);
    if (asOf) return modelAsOf(this.registry.db, name, asOf);
    const model = await findModel(this.registry.db, name);
    if (!model) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
    return model;
  }
}
