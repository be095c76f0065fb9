import { Body, Controller, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, TrafficTableSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { SERVING, ServingContext } from '../../serving.context';
import { ServedModelView } from '../served-model.view';
import { ServedModel, ServedModelParams, ServedModelTarget } from '../serving-params';
import { setTraffic } from './set-traffic';

@ApiTags('serving')
@Controller('api/v1/environments/:environment/models/:name/traffic')
export class SetTrafficHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Put()
  @HttpCode(202)
  @ApiOperation({
    summary: "Replace a model's routing table in an environment",
    description:
      'Weights per version (summing to 100), an optional sticky header and an optional shadow version. Every version named must be ready; the table in force again changes nothing.',
  })
  @ServedModelParams()
  @ApiBody({
    schema: openApiSchema(TrafficTableSchema),
    examples: {
      canary: {
        value: {
          routes: [
            { version: 1, weight: 90 },
            { version: 2, weight: 10 },
          ],
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The model in the environment as now wanted' })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'traffic: route weights must sum to 100' },
    404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'version 3 of churn in production is not loaded' },
    409: { error_code: 'INVALID_STATE', message: 'version 3 of churn in production is still loading' },
  })
  @CommandHeaders()
  set(
    @ServedModelTarget() target: ServedModel,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ServedModelView> {
    const traffic = parseInput(TrafficTableSchema, body ?? {}, 'traffic');
    return setTraffic(this.serving, { ...target, traffic }, metadata);
  }
}
