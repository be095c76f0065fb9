import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PipelineScopeSchema } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { PIPELINE_EXAMPLE, PipelineScopeParam } from '../pipeline.examples';
import { allPipelines, pipelineHistory, pipelineViewFor, PipelineView } from './pipeline-queries';

@ApiTags('pipelines')
@Controller('api/v1/pipelines')
export class PipelinesHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Get()
  @ApiOperation({
    summary: 'Every defined pipeline, and the built-in default while no `*` was defined',
    description:
      'The built-in default (pipelineVersion 0): validate → Staging + challenger → approval → Production + champion → canary to production.',
  })
  @ApiOkResponse({ schema: { example: { pipelines: [PIPELINE_EXAMPLE] } } })
  async list(): Promise<{ pipelines: PipelineView[] }> {
    return { pipelines: await allPipelines(this.orchestrator.db) };
  }

  @Get(':model')
  @ApiOperation({
    summary: "The pipeline a model's runs follow, and where it comes from",
    description:
      'source: `model` (its own), `default` (the `*` pipeline) or `built-in` (version 0). A model without a pipeline of its own is no 404: it follows the default.',
  })
  @PipelineScopeParam()
  @ApiOkResponse({ schema: { example: PIPELINE_EXAMPLE } })
  async effective(@Param('model') model: string): Promise<PipelineView> {
    return pipelineViewFor(this.orchestrator.db, parseInput(PipelineScopeSchema, model, 'model'));
  }

  @Get(':model/history')
  @ApiOperation({ summary: "Every version of a scope's own pipeline, oldest first, with who defined it and when" })
  @PipelineScopeParam()
  @ApiOkResponse({ schema: { example: { pipelines: [PIPELINE_EXAMPLE] } } })
  @ApiErrors({
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no pipeline was ever defined for "churn" (PUT /api/v1/pipelines/churn defines one)',
    },
  })
  async history(@Param('model') model: string): Promise<{ pipelines: PipelineView[] }> {
    return { pipelines: await pipelineHistory(this.orchestrator.db, parseInput(PipelineScopeSchema, model, 'model')) };
  }
}
