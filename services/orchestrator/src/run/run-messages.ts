// The pipeline-run workflow's vocabulary: what the orchestrator's edges hand a run (inputs), what a
// run asks others to do (sends, each with a deterministic commandId), and what it publishes.
// The router (run/routing-inputs) turns other services' events into inputs; the outbox
// (run/delivering) turns sends into commands on their topics. The workflow (run.workflow.ts) is pure.
import type {
  Command,
  DeployModelVersionInput,
  DomainEvent,
  PipelineDefinition,
  PipelineParametersSchema,
  PipelineRunTrigger,
  PipelineScopeSchema,
  WorkflowOutput,
  WorkflowRecord,
} from '@ledger/contracts';
import type {
  PipelineApprovalRecorded,
  PipelineRunCancelled,
  PipelineRunFailed,
  PipelineRunQueued,
  PipelineRunStarted,
  PipelineRunSucceeded,
  PipelineStepCompensated,
  PipelineStepFailed,
  PipelineStepSkipped,
  PipelineStepStarted,
  PipelineStepSucceeded,
} from '@ledger/contracts';
import type { z } from 'zod';

/** A run's stream: one per run. */
export const runStreamId = (runId: string): string => `pipeline-run-${runId}`;

/** Every command a run sends carries `run:<runId>:<stepId>:<attempt|undo>`: an outcome's causation names its run and step. */
export const RUN_COMMAND_PREFIX = 'run:';
export const stepCommandId = (runId: string, stepId: string, attempt: number | 'undo'): string =>
  `${RUN_COMMAND_PREFIX}${runId}:${stepId}:${attempt}`;
/** The run, step and attempt a run's commandId names; null for any other id. */
export function parseStepCommandId(commandId: string): { runId: string; stepId: string; attempt: string } | null {
  if (!commandId.startsWith(RUN_COMMAND_PREFIX)) return null;
  const [runId, stepId, attempt] = commandId.slice(RUN_COMMAND_PREFIX.length).split(':');
  return runId && stepId && attempt ? { runId, stepId, attempt } : null;
}

/** The version a run is about, as the orchestrator's registry knowledge knew it when the run started. */
export interface RunSubject {
  name: string;
  version: number;
  modelId: string | null;
  /** The actor who registered the version (separation of duties); null when unknown. */
  registeredBy: string | null;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  stage: string;
  /** The model's aliases then (alias → version): where a compensation moves an alias back to. */
  aliases: Record<string, number>;
}

/** A validator verdict on the run's version (the automatic run's, or one the run asked for). */
export interface Verdict {
  validationRunId: string;
  passed: boolean;
  /** What started the validation: the VersionCreated event id or the ValidateModelVersion commandId. */
  trigger: { kind: string; id: string };
  /** The blocking checks that did not pass, as "id (kind): reason". */
  failedChecks: string[];
}

/** Who gave a person's input; roles come from identity (empty when authentication is off). */
export interface RunActor {
  id: string;
  kind: 'user' | 'service';
  roles: string[];
  /** False when the platform runs without authentication: roles are not checked then. */
  authenticated: boolean;
}

type PipelineRef = { model: z.infer<typeof PipelineScopeSchema>; pipelineVersion: number };

export type StartRun = Command<
  'StartRun',
  {
    runId: string;
    subject: RunSubject;
    pipeline: PipelineRef & { definition: PipelineDefinition };
    trigger: PipelineRunTrigger;
    /** Overrides of the pipeline's parameter defaults (a manual run's). */
    parameters: z.infer<typeof PipelineParametersSchema>;
    /** The model has maxConcurrentRuns running: wait for ResumeQueuedRun. */
    queued: boolean;
    running: number;
    /** Verdicts on the version the orchestrator heard before the run started. */
    knownVerdicts: Verdict[];
  }
>;
export type ResumeQueuedRun = Command<'ResumeQueuedRun', { runId: string }>;
export type SupersedeRun = Command<'SupersedeRun', { runId: string; byRunId: string; byVersion: number }>;

export type VerdictReceived = Command<'VerdictReceived', { runId: string; verdict: Verdict }>;
/** A registry event caused by one of the run's commands (its causationId). */
export type RegistryOutcome = Command<
  'RegistryOutcome',
  {
    runId: string;
    commandId: string;
    event: 'VersionStageTransitioned' | 'AliasSet' | 'AliasDeleted';
    data: Record<string, unknown>;
  }
>;
/** The end of a rollout one of the run's DeployModelVersion commands started (deploymentIdOf(commandId)). */
export type DeploymentOutcome = Command<
  'DeploymentOutcome',
  {
    runId: string;
    commandId: string;
    deploymentId: string;
    outcome: 'succeeded' | 'rolled-back' | 'aborted';
    reason: string | null;
  }
>;
/** One of the run's commands went to its topic's DLQ: the service refused it. */
export type CommandRefused = Command<
  'CommandRefused',
  { runId: string; commandId: string; commandType: string; error: string }
>;
/** The notify step's HTTP call, done (or given up) by the outbox. */
export type NotifyOutcome = Command<
  'NotifyOutcome',
  { runId: string; commandId: string; ok: boolean; status: number | null; error: string | null }
>;

export type ApproveStep = Command<
  'ApproveStep',
  { runId: string; stepId: string; actor: RunActor; comment: string | null }
>;
export type RejectStep = Command<
  'RejectStep',
  { runId: string; stepId: string; actor: RunActor; comment: string | null }
>;
export type CancelRun = Command<'CancelRun', { runId: string; actor: RunActor; reason: string | null }>;
export type RetryStep = Command<'RetryStep', { runId: string; stepId: string; actor: RunActor }>;
export type SkipStep = Command<'SkipStep', { runId: string; stepId: string; actor: RunActor; reason: string | null }>;

/** Fired by the run's durable timers. */
export type StepTimedOut = Command<'StepTimedOut', { runId: string; stepId: string; attempt: number }>;
export type RetryDue = Command<'RetryDue', { runId: string; stepId: string; attempt: number }>;
export type WaitElapsed = Command<'WaitElapsed', { runId: string; stepId: string; attempt: number }>;

export type RunInput =
  | StartRun
  | ResumeQueuedRun
  | SupersedeRun
  | VerdictReceived
  | RegistryOutcome
  | DeploymentOutcome
  | CommandRefused
  | NotifyOutcome
  | ApproveStep
  | RejectStep
  | CancelRun
  | RetryStep
  | SkipStep
  | StepTimedOut
  | RetryDue
  | WaitElapsed;

type Sent<T extends string, D> = { type: T; data: D & { commandId: string } };
/** What a run sends; registry, validator and deployer commands go to their topics, NotifyWebhook is an HTTP call. */
export type RunSend =
  | Sent<
      'TransitionModelVersionStage',
      { name: string; version: number; stage: string; archiveExistingVersions: boolean; expectedStage?: string }
    >
  | Sent<'SetModelAlias', { name: string; version: number; alias: string; expectedVersion?: number }>
  | Sent<'DeleteModelAlias', { name: string; alias: string; ifExists: boolean; expectedVersion?: number }>
  | Sent<'ValidateModelVersion', { name: string; version: number; policyVersion?: number }>
  | Sent<'DeployModelVersion', Omit<DeployModelVersionInput, 'reason'> & { reason?: string }>
  | Sent<
      'NotifyWebhook',
      { runId: string; stepId: string; url: string; secretEnv: string | null; body: Record<string, unknown> }
    >;

/** The run's events: the orchestrator catalog's run events, as the workflow publishes them (no metadata). */
type Published<T extends string, D extends { schema: z.ZodType<object> }> = DomainEvent<T, z.infer<D['schema']>>;
export type RunEvent =
  | Published<'PipelineRunQueued', typeof PipelineRunQueued>
  | Published<'PipelineRunStarted', typeof PipelineRunStarted>
  | Published<'PipelineStepStarted', typeof PipelineStepStarted>
  | Published<'PipelineStepSucceeded', typeof PipelineStepSucceeded>
  | Published<'PipelineStepFailed', typeof PipelineStepFailed>
  | Published<'PipelineStepSkipped', typeof PipelineStepSkipped>
  | Published<'PipelineApprovalRecorded', typeof PipelineApprovalRecorded>
  | Published<'PipelineStepCompensated', typeof PipelineStepCompensated>
  | Published<'PipelineRunSucceeded', typeof PipelineRunSucceeded>
  | Published<'PipelineRunFailed', typeof PipelineRunFailed>
  | Published<'PipelineRunCancelled', typeof PipelineRunCancelled>;
export type RunEventType = RunEvent['type'];

export type RunOutput = WorkflowOutput<RunInput, RunSend, RunEvent>;
export type RunRecord = WorkflowRecord<RunInput, RunSend, RunEvent>;
