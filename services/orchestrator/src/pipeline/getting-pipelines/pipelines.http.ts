import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ModelNameSchema, PipelineScopeSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
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

/**
 * The same effective pipeline under the model, where no route of the orchestrator can shadow it:
 * `GET /api/v1/pipelines/metrics` answers the runs' metrics, so a model named "metrics" reads its
 * pipeline here.
 */
@ApiTags('pipelines')
@Controller('api/v1/models/:name/pipeline')
export class ModelPipelineHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Get()
  @ApiOperation({ summary: "The pipeline a model's runs follow (as GET /api/v1/pipelines/{model})" })
  @ApiParam({ name: 'name', description: 'A registered model’s name', schema: openApiSchema(ModelNameSchema) })
  @ApiOkResponse({ schema: { example: PIPELINE_EXAMPLE } })
  @ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'name: must not be empty' } })
  async effective(@Param('name') name: string): Promise<PipelineView> {
    return pipelineViewFor(this.orchestrator.db, parseInput(ModelNameSchema, name, 'name'));
  }
}
