import type {
  ApprovePipelineStepInput,
  CancelPipelineRunInput,
  CommandMetadata,
  RejectPipelineStepInput,
  RetryPipelineStepInput,
  SkipPipelineStepInput,
} from '@ledger/contracts';
import type { OrchestratorContext } from '../../orchestrator.context';
import type { ApproveStep, CancelRun, RejectStep, RetryStep, RunActor, SkipStep } from '../run-messages';
import { runActorOf } from './run-actor';

/** What a person's input came to: the run, whether it was a redelivery, and why the run ignored it (null: acted on). */
export interface SteerAnswer {
  runId: string;
  duplicate: boolean;
  ignored: string | null;
}

type Steering = ApproveStep | RejectStep | CancelRun | RetryStep | SkipStep;
type Context = Pick<OrchestratorContext, 'access' | 'runs'>;

/** The client's commandId on the bus (a resend is a no-op); a fresh one per HTTP request. */
const commandIdOf = (metadata: CommandMetadata): string => metadata.commandId ?? `http:${metadata.newId}`;

/**
 * Hands the run its input, as the actor with their roles. Whether the actor may decide (roles,
 * separation of duties) and whether the run and step exist is the run's to say: it throws
 * ForbiddenError, NotFoundError, IllegalStateError, which each edge maps once.
 */
async function steer<T extends Steering>(
  context: Context,
  type: T['type'],
  data: (actor: RunActor) => T['data'],
  metadata: CommandMetadata,
): Promise<SteerAnswer> {
  const actor = await runActorOf(context.access, metadata);
  const input = { type, data: data(actor), metadata: { ...metadata, commandId: commandIdOf(metadata) } } as T;
  const handled = await context.runs.handle(input);
  const ignore = handled.outputs.find((output) => output.kind === 'ignore');
  return { runId: input.data.runId, duplicate: handled.duplicate, ignored: ignore?.reason ?? null };
}

export const approveStep = (context: Context, input: ApprovePipelineStepInput, metadata: CommandMetadata) =>
  steer<ApproveStep>(
    context,
    'ApproveStep',
    (actor) => ({ runId: input.runId, stepId: input.stepId, actor, comment: input.comment ?? null }),
    metadata,
  );

export const rejectStep = (context: Context, input: RejectPipelineStepInput, metadata: CommandMetadata) =>
  steer<RejectStep>(
    context,
    'RejectStep',
    (actor) => ({ runId: input.runId, stepId: input.stepId, actor, comment: input.comment ?? null }),
    metadata,
  );

export const cancelRun = (context: Context, input: CancelPipelineRunInput, metadata: CommandMetadata) =>
  steer<CancelRun>(
    context,
    'CancelRun',
    (actor) => ({ runId: input.runId, actor, reason: input.reason ?? null }),
    metadata,
  );

export const retryStep = (context: Context, input: RetryPipelineStepInput, metadata: CommandMetadata) =>
  steer<RetryStep>(context, 'RetryStep', (actor) => ({ runId: input.runId, stepId: input.stepId, actor }), metadata);

export const skipStep = (context: Context, input: SkipPipelineStepInput, metadata: CommandMetadata) =>
  steer<SkipStep>(
    context,
    'SkipStep',
    (actor) => ({ runId: input.runId, stepId: input.stepId, actor, reason: input.reason ?? null }),
    metadata,
  );
