import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { pipelineMetrics, PipelineMetrics } from './pipeline-metrics';
import { METRICS_EXAMPLE } from './runs.examples';

@ApiTags('runs')
@Controller('api/v1/pipelines')
export class PipelineMetricsHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Get('metrics')
  @ApiOperation({
    summary: 'The pipeline dashboard: runs by status, durations, step failures, approvals waiting',
    description:
      'Durations (p50, p95, max) are over ended runs per pipeline scope; step failures count failed attempts per step id and type (timeouts among them).',
  })
  @ApiOkResponse({ schema: { example: METRICS_EXAMPLE } })
  metrics(): Promise<PipelineMetrics> {
    return pipelineMetrics(this.orchestrator.db);
  }
}
