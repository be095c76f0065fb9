// Pipeline-run inputs for the workflow's specs: fixed times and ids, so expectations can name them.
import { CommandMetadata, PipelineDefinitionSchema, PipelineStepSchema } from '@ledger/contracts';
import type { PipelineDefinition, PipelineStep } from '@ledger/contracts';
import type { RunActor, RunEvent, RunEventType, RunInput, RunSubject, StartRun, Verdict } from './run-messages';
import { stepCommandId } from './run-messages';
import { runWorkflow } from './run.workflow';

export const RUN = 'run-1';
export const T0 = '2026-11-22T12:00:00.000Z';
export const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();
/** The commandId of a step's attempt (or its undo) in the spec run. */
export const cmd = (stepId: string, attempt: number | 'undo' = 1): string => stepCommandId(RUN, stepId, attempt);

const metadata = (commandId: string, now = T0): CommandMetadata => ({
  now,
  newId: `id-${commandId}`,
  actor: { id: 'orchestrator', kind: 'service' },
  correlationId: 'flow-1',
  causationId: null,
  commandId,
});
const input = <T extends RunInput>(type: T['type'], data: object, commandId: string, now = T0): T =>
  ({ type, data: { runId: RUN, ...data }, metadata: metadata(commandId, now) }) as T;

export const subject = (change: Partial<RunSubject> = {}): RunSubject => ({
  name: 'churn',
  version: 2,
  modelId: 'model-churn',
  registeredBy: 'rita',
  metrics: { accuracy: 0.91, rmse: 0.4 },
  tags: { team: 'growth' },
  stage: 'None',
  aliases: { champion: 1 },
  ...change,
});
/** The run keys every run event carries. */
export const ofRun = { runId: RUN, name: 'churn', version: 2 };
/** An event of the spec run, as the workflow publishes it (run keys filled in). */
export const ev = (type: RunEventType, data: object): RunEvent => ({ type, data: { ...ofRun, ...data } }) as RunEvent;
/** Any event of a type: for specs that look at what follows it. */
export const any = (type: RunEventType): RunEvent => expect.objectContaining({ type }) as RunEvent;

export const step = (raw: object): PipelineStep => PipelineStepSchema.parse(raw);
export const pipeline = (steps: object[], rest: object = {}): PipelineDefinition =>
  PipelineDefinitionSchema.parse({ steps, ...rest });

export const verdict = (passed: boolean, options: { id?: string; trigger?: Verdict['trigger'] } = {}): Verdict => ({
  validationRunId: options.id ?? (passed ? 'vr-pass' : 'vr-fail'),
  passed,
  trigger: options.trigger ?? { kind: 'VersionCreated', id: 'evt-created-2' },
  failedChecks: passed ? [] : ['accuracy (metric-threshold): 0.71 < 0.85', 'size (artifact): 3 GB > 1 GB'],
});

type StartOptions = {
  queued?: boolean;
  parameters?: StartRun['data']['parameters'];
  knownVerdicts?: Verdict[];
  subject?: Partial<RunSubject>;
};
export const start = (definition: PipelineDefinition, options: StartOptions = {}): StartRun =>
  input<StartRun>(
    'StartRun',
    {
      subject: subject(options.subject),
      pipeline: { model: 'churn', pipelineVersion: 3, definition },
      trigger: { kind: 'VersionCreated', id: 'evt-created-2', by: null },
      parameters: options.parameters ?? {},
      queued: options.queued ?? false,
      running: options.queued ? 10 : 0,
      knownVerdicts: options.knownVerdicts ?? [],
    },
    'start-1',
  );

export const resume = (now = T0) => input('ResumeQueuedRun', {}, 'resume-1', now);
export const supersede = () => input('SupersedeRun', { byRunId: 'run-9', byVersion: 3 }, 'supersede-1');
export const verdictReceived = (v: Verdict, now = T0) =>
  input('VerdictReceived', { verdict: v }, `v-${v.validationRunId}`, now);
export const registryOutcome = (
  commandId: string,
  event: 'VersionStageTransitioned' | 'AliasSet' | 'AliasDeleted',
  now = T0,
) => input('RegistryOutcome', { commandId, event, data: {} }, `outcome-${commandId}-${now}`, now);
export const deployed = (commandId: string, outcome: 'succeeded' | 'rolled-back' | 'aborted', now = T0) =>
  input(
    'DeploymentOutcome',
    { commandId, deploymentId: 'dep-1', outcome, reason: outcome === 'succeeded' ? null : 'error rate 20% > 5%' },
    `deployed-${commandId}`,
    now,
  );
export const refused = (commandId: string, now = T0) =>
  input(
    'CommandRefused',
    { commandId, commandType: 'SetModelAlias', error: 'model churn does not exist' },
    `dlq-${commandId}`,
    now,
  );
export const notified = (commandId: string, ok: boolean, now = T0) =>
  input(
    'NotifyOutcome',
    { commandId, ok, status: ok ? 200 : 503, error: ok ? null : 'Service Unavailable' },
    `notified-${commandId}`,
    now,
  );

export const actor = (id: string, roles: string[] = ['approver'], authenticated = true): RunActor => ({
  id,
  kind: 'user',
  roles,
  authenticated,
});
export const approve = (
  stepId: string,
  who: RunActor = actor('ana'),
  comment: string | null = 'looks good',
  now = T0,
) => input('ApproveStep', { stepId, actor: who, comment }, `approve-${stepId}-${who.id}`, now);
export const reject = (
  stepId: string,
  who: RunActor = actor('ana'),
  comment: string | null = 'drift on EU',
  now = T0,
) => input('RejectStep', { stepId, actor: who, comment }, `reject-${stepId}-${who.id}`, now);
export const cancelRun = (who: RunActor = actor('ana'), now = T0) =>
  input('CancelRun', { actor: who, reason: null }, 'cancel-1', now);
export const retryStep = (stepId: string, now = T0) =>
  input('RetryStep', { stepId, actor: actor('ana') }, `retry-${stepId}-${now}`, now);
export const skipStep = (stepId: string, now = T0) =>
  input('SkipStep', { stepId, actor: actor('ana'), reason: null }, `skip-${stepId}-${now}`, now);

const timer = (type: string) => (stepId: string, attempt: number, now: string) =>
  input(type as RunInput['type'], { stepId, attempt }, `${type}-${stepId}-${attempt}`, now);
export const timedOut = timer('StepTimedOut');
export const retryDue = timer('RetryDue');
export const waitElapsed = timer('WaitElapsed');

/** Every event a sequence of inputs publishes, decided in turn as the runner would. */
export function publishedBy(inputs: RunInput[]): RunEvent[] {
  let state = runWorkflow.initialState();
  const events: RunEvent[] = [];
  for (const next of inputs) {
    const outputs = runWorkflow.decide(next, state);
    outputs.forEach((o) => o.kind === 'publish' && events.push(o.event));
    state = [{ kind: 'input' as const, input: next }, ...outputs].reduce(runWorkflow.evolve, state);
  }
  return events;
}
