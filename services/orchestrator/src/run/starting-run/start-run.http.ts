import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, StartPipelineRun } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { startManualRun } from './start-manual-run';
import type { StartedRun } from './start-run';

const BodySchema = StartPipelineRun.schema.omit({ name: true });

@ApiTags('pipeline runs')
@Controller('api/v1/pipelines')
export class StartRunHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Post(':model/runs')
  @HttpCode(202)
  @ApiOperation({
    summary: "Start a run of a model's pipeline for a version, by hand",
    description:
      "The run follows the model's pipeline (or the default) with these parameter overrides; it waits, queued, when the model already has its maxConcurrentRuns running.",
  })
  @ApiParam({ name: 'model', description: 'Registered model name', example: 'churn' })
  @ApiBody({
    schema: openApiSchema(BodySchema),
    examples: { run: { value: { version: 3 } }, parameters: { value: { version: 3, parameters: { env: 'staging' } } } },
  })
  @ApiAcceptedResponse({
    description: 'The run started (or queued)',
    schema: { example: { runId: '5f0c…', queued: false, superseded: [], href: '/api/v1/runs/5f0c…' } },
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
    @Param('model') model: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<StartedRun & { href: string }> {
    const fields = typeof body === 'object' && body !== null ? body : {};
    const input = parseInput(StartPipelineRun.schema, { ...fields, name: model });
    const started = await startManualRun(this.orchestrator, input, metadata);
    return { ...started, href: `/api/v1/runs/${started.runId}` };
  }
}
