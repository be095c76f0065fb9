import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelNameSchema, VERSION_NUMBER_MAX } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, openApiSchema, parseInput } from '@ledger/platform';
import { VALIDATOR, ValidatorContext } from '../../validator.context';
import { getRun, listRuns, runStats } from './validation-runs.queries';

const RUN_EXAMPLE = {
  runId: '5f0c2d4e-…',
  model: 'churn',
  modelId: '0193a3c4-…',
  version: 3,
  status: 'passed',
  dryRun: false,
  policyVersion: 2,
  trigger: { kind: 'VersionCreated', id: '0193a3c5-…' },
  progress: { done: 1, total: 1 },
  baselines: [{ ref: 'alias:champion|stage:Production', version: 2 }],
  checks: [{ id: 'auc', kind: 'threshold', blocking: true }],
  report: {
    results: [
      {
        id: 'auc',
        kind: 'threshold',
        blocking: true,
        outcome: 'passed',
        value: 0.86,
        threshold: 0.8,
        baseline: 0.84,
        message: 'auc = 0.86 (higher is better): threshold passed (bound 0.8), min_absolute_change passed (bound 0.85)',
        details: {},
      },
    ],
    summary: { total: 1, passed: 1, failed: 0, inconclusive: 0, error: 0, failedBlocking: [], warnings: [] },
  },
  startedAt: '2026-11-22T17:00:00.000Z',
  finishedAt: '2026-11-22T17:00:00.042Z',
  durationMs: 42,
};

const ListQuery = z.strictObject({
  model: ModelNameSchema.optional(),
  version: z.coerce.number().int().positive().max(VERSION_NUMBER_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const StatsQuery = z.strictObject({ model: ModelNameSchema.optional() });
const RunIdSchema = z.uuid('must be a UUID');

// Declared before the run by id, so "stats" is never read as a run id.
@ApiTags('validations')
@Controller('api/v1/validations')
export class ValidationStatsHttp {
  constructor(@Inject(VALIDATOR) private readonly validator: ValidatorContext) {}

  @Get('stats')
  @ApiOperation({ summary: 'Runs, pass rate and durations (the validation reports dashboard)' })
  @ApiQueryFrom(StatsQuery)
  @ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'model: must not be empty' } })
  @ApiOkResponse({
    schema: {
      example: {
        runs: 120,
        running: 1,
        passed: 100,
        failed: 17,
        dryRuns: 2,
        passRate: 0.855,
        durationMs: { mean: 38, p50: 31, p95: 90, max: 250 },
      },
    },
  })
  async stats(@Query() query: Record<string, unknown>) {
    return runStats(this.validator.db, parseInput(StatsQuery, query, 'query').model);
  }
}

@ApiTags('validations')
@Controller('api/v1/validations')
export class ValidationRunsHttp {
  constructor(@Inject(VALIDATOR) private readonly validator: ValidatorContext) {}

  @Get()
  @ApiOperation({ summary: 'Validation runs, newest first, per model and version' })
  @ApiQueryFrom(ListQuery, { limit: '1..1000, default 100' })
  @ApiOkResponse({ schema: { example: { runs: [RUN_EXAMPLE] } } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'version: Too small: expected number to be >0' },
  })
  async list(@Query() query: Record<string, unknown>) {
    return { runs: await listRuns(this.validator.db, parseInput(ListQuery, query, 'query')) };
  }

  @Get(':runId')
  @ApiOperation({ summary: 'A validation run: progress, the policy version used, its report and verdict' })
  @ApiParam({ name: 'runId', schema: openApiSchema(RunIdSchema) })
  @ApiOkResponse({ schema: { example: RUN_EXAMPLE } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'runId: must be a UUID' },
    404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no validation run 5f0c2d4e-…' },
  })
  async get(@Param('runId') runId: string) {
    return getRun(this.validator.db, parseInput(RunIdSchema, runId, 'runId'));
  }
}
