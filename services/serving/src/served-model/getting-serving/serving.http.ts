import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EnvironmentNameSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
import { SERVING, ServingContext } from '../../serving.context';
import { desiredModels } from './served-models.projection';
import { ServedModelStatus, servingStatus } from './serving-status';

@ApiTags('serving')
@Controller('api/v1/serving')
export class ServingHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Get()
  @ApiOperation({
    summary: 'What is served: every model per environment, wanted and held',
    description:
      "Each version's desired status (loading, ready, failed) and replicas from the log, beside what the runtime holds; the routing table wanted and the one in force.",
  })
  @ApiQuery({ name: 'environment', required: false, schema: openApiSchema(EnvironmentNameSchema) })
  @ApiOkResponse({ description: 'The served models' })
  @ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'environment: must be a lower-case DNS label' } })
  async list(@Query('environment') environment?: string): Promise<{ models: ServedModelStatus[] }> {
    const filter =
      environment === undefined ? {} : { environment: parseInput(EnvironmentNameSchema, environment, 'environment') };
    return { models: servingStatus(await desiredModels(this.serving.db, filter), this.serving.runtime) };
  }
}
