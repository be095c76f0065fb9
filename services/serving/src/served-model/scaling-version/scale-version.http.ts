import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CommandMetadata, ReplicasSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { SERVING, ServingContext } from '../../serving.context';
import { ServedModelView } from '../served-model.view';
import { ServedVersion, ServedVersionParams, ServedVersionTarget } from '../serving-params';
import { scaleVersion } from './scale-version';

const ScaleBody = z.strictObject({ replicas: ReplicasSchema });

@ApiTags('serving')
@Controller('api/v1/environments/:environment/models/:name/versions')
export class ScaleVersionHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Post(':version/scale')
  @HttpCode(202)
  @ApiOperation({
    summary: "Change a loaded version's replicas",
    description: 'New replicas warm up before old ones stop: requests in flight are answered.',
  })
  @ServedVersionParams()
  @ApiBody({ schema: openApiSchema(ScaleBody), examples: { five: { value: { replicas: 5 } } } })
  @ApiAcceptedResponse({ description: 'The model in the environment as now wanted' })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'replicas: must be at least 1' },
    404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'version 3 of churn in production is not loaded' },
    409: {
      error_code: 'INVALID_STATE',
      message: 'version 3 of churn in production failed to load; load it again instead of scaling it',
    },
  })
  @CommandHeaders()
  scale(
    @ServedVersionTarget() target: ServedVersion,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ServedModelView> {
    const { replicas } = parseInput(ScaleBody, body ?? {});
    return scaleVersion(this.serving, { ...target, replicas }, metadata);
  }
}
