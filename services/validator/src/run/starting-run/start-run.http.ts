import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, ValidateModelVersion } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { VALIDATOR, ValidatorContext } from '../../validator.context';
import { startRun, StartedRun } from './start-run';

@ApiTags('validations')
@Controller('api/v1/validations')
export class StartRunHttp {
  constructor(@Inject(VALIDATOR) private readonly validator: ValidatorContext) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a validation run of a model version',
    description:
      "Under the model's current policy, or policyVersion. The run proceeds in the background: follow it at href. A dry run reports without a verdict event.",
  })
  @ApiBody({
    schema: openApiSchema(ValidateModelVersion.schema),
    examples: {
      run: { value: { name: 'churn', version: 3 } },
      dryRun: { value: { name: 'churn', version: 3, dryRun: true } },
    },
  })
  @ApiAcceptedResponse({
    description: 'The run started (started: false when this request had started it before)',
    schema: { example: { runId: '5f0c…', started: true, href: '/api/v1/validations/5f0c…' } },
  })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'version: must be a number, got string' },
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'registered model "churn" has no version 9 (as far as the registry\'s events tell)',
    },
  })
  @CommandHeaders()
  async start(
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<StartedRun & { href: string }> {
    const started = await startRun(this.validator, parseInput(ValidateModelVersion.schema, body ?? {}), metadata);
    return { ...started, href: `/api/v1/validations/${started.runId}` };
  }
}
