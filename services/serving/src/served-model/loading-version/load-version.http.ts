import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, LoadModelVersion } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { SERVING, ServingContext } from '../../serving.context';
import { ServedModelView } from '../served-model.view';
import { ServedVersion, ServedVersionParams, ServedVersionTarget } from '../serving-params';
import { loadVersion } from './load-version';

const LoadBody = LoadModelVersion.schema.omit({ name: true, environment: true, version: true });

@ApiTags('serving')
@Controller('api/v1/environments/:environment/models/:name/versions')
export class LoadVersionHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Post(':version/load')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Load a version into replicas',
    description:
      'Loads the ONNX artifact with this digest from the shared artifact store into N replicas. Accepted at once; the version is `loading` until ServingVersionReady (or ServingVersionLoadFailed). The same digest and replicas again change nothing; other replicas scale it; another digest under the same version is a 409.',
  })
  @ServedVersionParams()
  @ApiBody({
    schema: openApiSchema(LoadBody),
    examples: { load: { value: { artifactSha256: 'a'.repeat(64), replicas: 3 } } },
  })
  @ApiAcceptedResponse({ description: 'The model in the environment as now wanted' })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'replicas: must be at most 32' },
    409: {
      error_code: 'CONCURRENT_MODIFICATION',
      message: 'version 3 of churn in production is already loaded with artifact …',
    },
  })
  @CommandHeaders()
  load(
    @ServedVersionTarget() target: ServedVersion,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ServedModelView> {
    const input = parseInput(LoadBody, body ?? {});
    return loadVersion(this.serving, { ...target, ...input }, metadata);
  }
}
