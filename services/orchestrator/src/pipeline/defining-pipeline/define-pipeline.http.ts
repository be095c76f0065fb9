import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parse } from 'yaml';
import { CommandMetadata, PipelineDefinitionSchema, PipelineScopeSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { PIPELINE_EXAMPLE, PIPELINE_YAML_EXAMPLE, PipelineScopeParam, THRESHOLD_PIPELINE } from '../pipeline.examples';
import type { PipelineView } from '../getting-pipelines/pipeline-queries';
import { definePipeline } from './define-pipeline';

@ApiTags('pipelines')
@Controller('api/v1/pipelines')
export class DefinePipelineHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Put(':model')
  @ApiOperation({
    summary: "Declare a model's promotion pipeline, or the default (`*`), in JSON or YAML",
    description:
      'Steps (validate, transition, set-alias, deploy, approval, wait, notify) forming a DAG by `needs`, with conditions, timeouts, retries and onFailure; triggers; maxConcurrentRuns; supersede; parameters for `${name}` placeholders. Each change is a new pipeline version; the definition in force again changes nothing. Runs already started keep the definition they started with. In YAML (Content-Type: application/yaml):\n\n```yaml\n' +
      PIPELINE_YAML_EXAMPLE +
      '\n```',
  })
  @PipelineScopeParam()
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    schema: openApiSchema(PipelineDefinitionSchema),
    examples: {
      threshold: { value: THRESHOLD_PIPELINE },
      yaml: {
        summary: 'the YAML pipeline of the description, as the document it denotes',
        value: parse(PIPELINE_YAML_EXAMPLE),
      },
    },
  })
  @ApiOkResponse({ description: 'The pipeline now in force for the scope', schema: { example: PIPELINE_EXAMPLE } })
  @ApiErrors({
    400: [
      { error_code: 'INVALID_PARAMETER_VALUE', message: 'steps[0].needs[0]: names no step: "deploy"' },
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'steps[2].alias: names no declared parameter: "${alias}" (parameters: none)',
      },
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'triggers[0].timezone: is not an IANA time zone: "Mars/Olympus"',
      },
    ],
  })
  @CommandHeaders()
  async define(
    @Param('model') model: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<PipelineView> {
    const scope = parseInput(PipelineScopeSchema, model, 'model');
    const definition = parseInput(PipelineDefinitionSchema, body ?? {});
    return definePipeline(this.orchestrator, { model: scope, definition }, metadata);
  }
}
