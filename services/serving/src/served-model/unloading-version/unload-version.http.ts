import { Controller, Delete, HttpCode, Inject } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata } from '@ledger/platform';
import { SERVING, ServingContext } from '../../serving.context';
import { ServedModelView } from '../served-model.view';
import { ServedVersion, ServedVersionParams, ServedVersionTarget } from '../serving-params';
import { unloadVersion } from './unload-version';

@ApiTags('serving')
@Controller('api/v1/environments/:environment/models/:name/versions')
export class UnloadVersionHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Delete(':version')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Unload a version from an environment',
    description: 'Refused (409) while a route or the shadow names it: set traffic without it first.',
  })
  @ServedVersionParams()
  @ApiAcceptedResponse({ description: 'The model in the environment as now wanted' })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'version: must be a positive integer' },
    404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'version 3 of churn in production is not loaded' },
    409: { error_code: 'INVALID_STATE', message: 'version 3 of churn in production still takes traffic' },
  })
  @CommandHeaders()
  unload(
    @ServedVersionTarget() target: ServedVersion,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ServedModelView> {
    return unloadVersion(this.serving, target, metadata);
  }
}
