import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, TransitionModelVersionStage } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { ModelNameParam, parseModelName, parseVersion, VersionParam } from '../../http-params';
import { MALFORMED_EXAMPLE, VERSION_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { transitionStage } from './transition-stage';
import { archivingRule, STAGE_SCHEMA } from './transition-stage.docs';

const TransitionBody = TransitionModelVersionStage.schema.omit({ name: true, version: true });
// The command takes any text as the stage and the decider judges it: the document says what it accepts.
const TransitionDocument = (() => {
  const schema = openApiSchema(TransitionBody) as { properties: Record<string, object> };
  schema.properties.stage = STAGE_SCHEMA;
  schema.properties.expectedStage = STAGE_SCHEMA;
  return { ...schema, ...archivingRule('archiveExistingVersions', 'stage') } as object;
})();

@ApiTags('versions')
@Controller('api/v1/models/:name/versions/:version/stage')
export class TransitionStageHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a version to a stage',
    description:
      'Stages: None, Staging, Production, Archived (any case in, canonical out). archiveExistingVersions (Staging/Production only) archives every other version in that stage in the same event. expectedStage makes the move a compare-and-set: the version must be in that stage now, else 409.',
  })
  @ModelNameParam()
  @VersionParam()
  @ApiBody({
    schema: TransitionDocument,
    examples: {
      promote: { value: { stage: 'Production', archiveExistingVersions: true } },
      stage: { value: { stage: 'staging' } },
    },
  })
  @ApiOkResponse({ description: 'The version in its new stage', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({
    400: [
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'archiveExistingVersions is only allowed for Staging and Production, not Archived',
      },
      MALFORMED_EXAMPLE,
    ],
    404: VERSION_NOT_FOUND_EXAMPLE,
    409: {
      error_code: 'CONCURRENT_MODIFICATION',
      message: 'version 3 of registered model "churn" is in Production, but the request expected it in Staging',
    },
  })
  @CommandHeaders()
  async transition(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    const input = parseInput(TransitionBody, body ?? {});
    return transitionStage(
      this.registry,
      { ...input, name: parseModelName(name), version: parseVersion(version) },
      metadata,
    );
  }
}
