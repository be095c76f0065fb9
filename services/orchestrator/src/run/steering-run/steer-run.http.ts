import { applyDecorators, Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ApprovePipelineStep,
  CancelPipelineRun,
  CommandMetadata,
  RejectPipelineStep,
  RetryPipelineStep,
  RunIdSchema,
  SkipPipelineStep,
  StepIdSchema,
} from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { approveStep, cancelRun, rejectStep, retryStep, skipStep, SteerAnswer } from './steer-run';

const RUN_STEP = { runId: true, stepId: true } as const;
const CommentBody = ApprovePipelineStep.schema.omit(RUN_STEP);
const RejectBody = RejectPipelineStep.schema.omit(RUN_STEP);
const RetryBody = RetryPipelineStep.schema.omit(RUN_STEP);
const SkipBody = SkipPipelineStep.schema.omit(RUN_STEP);
const CancelBody = CancelPipelineRun.schema.omit({ runId: true });

const ANSWER = { runId: '0193a4d2-7c1e-7000-8000-000000000001', duplicate: false, ignored: null };

/** What every steering route documents: the answer and each refusal it can get. */
const SteeringRoute = (summary: string, body: z.ZodObject, example: object, withStep = true) =>
  applyDecorators(
    HttpCode(202),
    ApiOperation({
      summary,
      description:
        'Handed to the run as the actor (with their roles when authentication is on). `ignored` says why the run did not act on it (e.g. the step is not waiting); `duplicate` is a redelivered commandId.',
    }),
    ApiParam({ name: 'runId', schema: openApiSchema(RunIdSchema) }),
    ...(withStep ? [ApiParam({ name: 'stepId', schema: openApiSchema(StepIdSchema) })] : []),
    ApiBody({ schema: openApiSchema(body), required: false, examples: { body: { value: example } } }),
    ApiAcceptedResponse({
      description: 'The run took the input (or ignored it, saying why)',
      schema: { example: ANSWER },
    }),
    ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'stepId: must be a lower-case slug' },
      403: {
        error_code: 'PERMISSION_DENIED',
        message: 'bo may not approve step "approve": that needs the role "approver"',
      },
      404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no pipeline run "0193a4d2-…"' },
      409: { error_code: 'INVALID_STATE', message: 'step "approve" of run "0193a4d2-…" is not waiting for a decision' },
    }),
    CommandHeaders(),
  );

const runStep = (runId: string, stepId: string) => ({
  runId: parseInput(RunIdSchema, runId, 'runId'),
  stepId: parseInput(StepIdSchema, stepId, 'stepId'),
});

@ApiTags('runs')
@Controller('api/v1/runs/:runId')
export class SteerRunHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Post('steps/:stepId/approve')
  @SteeringRoute('Approve a waiting approval gate, with a comment', CommentBody, { comment: 'metrics look right' })
  approve(
    @Param('runId') runId: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<SteerAnswer> {
    return approveStep(this.orchestrator, { ...runStep(runId, stepId), ...parseInput(CommentBody, body ?? {}) }, m);
  }

  @Post('steps/:stepId/reject')
  @SteeringRoute('Reject a waiting approval gate: the step fails', RejectBody, { comment: 'drift on the EU slice' })
  reject(
    @Param('runId') runId: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<SteerAnswer> {
    return rejectStep(this.orchestrator, { ...runStep(runId, stepId), ...parseInput(RejectBody, body ?? {}) }, m);
  }

  @Post('steps/:stepId/retry')
  @SteeringRoute('Run a failed step again; the run goes on from there', RetryBody, {})
  retry(
    @Param('runId') runId: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<SteerAnswer> {
    return retryStep(this.orchestrator, { ...runStep(runId, stepId), ...parseInput(RetryBody, body ?? {}) }, m);
  }

  @Post('steps/:stepId/skip')
  @SteeringRoute('Mark a waiting or failed step skipped; the steps that need it go on', SkipBody, {
    reason: 'done by hand',
  })
  skip(
    @Param('runId') runId: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<SteerAnswer> {
    return skipStep(this.orchestrator, { ...runStep(runId, stepId), ...parseInput(SkipBody, body ?? {}) }, m);
  }

  @Post('cancel')
  @SteeringRoute('Stop a run: nothing more is sent for it', CancelBody, { reason: 'superseded by a hotfix' }, false)
  cancel(
    @Param('runId') runId: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<SteerAnswer> {
    const input = { runId: parseInput(RunIdSchema, runId, 'runId'), ...parseInput(CancelBody, body ?? {}) };
    return cancelRun(this.orchestrator, input, m);
  }
}
