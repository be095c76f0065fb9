import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelNameSchema, RunIdSchema, VersionNumberSchema } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, openApiSchema, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { listRuns, runWithHistory } from './run-queries';
import { RUN_EXAMPLE, STEP_EXAMPLE } from './runs.examples';

const RunsQuery = z.strictObject({
  model: ModelNameSchema.optional(),
  version: z.coerce.number().pipe(VersionNumberSchema).optional(),
  status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  pageToken: z.string().min(1).max(200).optional(),
});

const HISTORY_EXAMPLE = [
  { position: 1, type: 'StartRun', role: 'input', data: {}, occurredAt: RUN_EXAMPLE.startedAt, actor: null },
  {
    position: 2,
    type: 'PipelineRunStarted',
    role: 'publish',
    data: {},
    occurredAt: RUN_EXAMPLE.startedAt,
    actor: null,
  },
];
const IGNORED_EXAMPLE = {
  position: 9,
  type: 'ApproveStep',
  data: { runId: RUN_EXAMPLE.runId, stepId: 'approve' },
  occurredAt: '2026-12-04T12:06:00.000Z',
  actor: { id: 'bo', kind: 'user' },
  commandId: 'http:0193…',
  reason: 'bo already approved step "approve"',
};

@ApiTags('runs')
@Controller('api/v1/runs')
export class RunsHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Get()
  @ApiOperation({ summary: 'Pipeline runs, newest first, by model, version and status, a page at a time' })
  @ApiQueryFrom(RunsQuery, {
    status: 'queued | running | waiting (only approval gates running) | succeeded | failed | cancelled',
    limit: '1..500, default 50',
    pageToken: 'nextPageToken of the previous page',
  })
  @ApiOkResponse({ schema: { example: { runs: [RUN_EXAMPLE], nextPageToken: null } } })
  @ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'query.limit: must be at most 500' } })
  list(@Query() query: Record<string, unknown>) {
    return listRuns(this.orchestrator.db, parseInput(RunsQuery, query, 'query'));
  }

  @Get(':runId')
  @ApiOperation({
    summary: 'One run with its steps and its history',
    description:
      'history is every record of the run’s stream in order (inputs, commands sent, events published, timers, ignores); ignored lists the inputs the run did not act on, with why (duplicate, late, superseded, …).',
  })
  @ApiParam({ name: 'runId', schema: openApiSchema(RunIdSchema) })
  @ApiOkResponse({
    schema: {
      example: { run: RUN_EXAMPLE, steps: [STEP_EXAMPLE], history: HISTORY_EXAMPLE, ignored: [IGNORED_EXAMPLE] },
    },
  })
  @ApiErrors({ 404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no pipeline run "0193a4d2-…"' } })
  one(@Param('runId') runId: string) {
    return runWithHistory(this.orchestrator.db, parseInput(RunIdSchema, runId, 'runId'));
  }
}
