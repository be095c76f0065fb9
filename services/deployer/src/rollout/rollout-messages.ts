import type {
  AnalysisCompletedData,
  Command,
  DeploymentAbortedData,
  DeploymentPausedData,
  DeploymentPromotedData,
  DeploymentRequestedData,
  DeploymentRolledBackData,
  DeploymentScaledData,
  DeploymentStartedData,
  DeploymentSucceededData,
  DomainEvent,
  LoadModelVersionInput,
  Measurement,
  ScaleModelVersionInput,
  ServingVersionLoadFailedData,
  ServingVersionReadyData,
  SetTrafficInput,
  TrafficShiftedData,
  UndeployedData,
  UnloadModelVersionInput,
  WorkflowOutput,
  WorkflowRecord,
} from '@ledger/contracts';
import type { RolloutControl } from './rollout-inputs';

type Target = { name: string; environment: string };
type Rollout = Target & { deploymentId: string };

/** Serving's answers to a LoadModelVersion, from ml.serving.events (commandId: the event id). */
export type ServingVersionReady = Command<'ServingVersionReady', ServingVersionReadyData>;
export type ServingVersionLoadFailed = Command<'ServingVersionLoadFailed', ServingVersionLoadFailedData>;

/** The workflow's own timers, delivered back to it. */
export type StepPauseElapsed = Command<'StepPauseElapsed', Rollout & { step: number }>;
export type AutoPromoteDue = Command<'AutoPromoteDue', Rollout & { step: number }>;
export type AnalysisDue = Command<'AnalysisDue', Rollout & { step: number; measurement: number }>;
export type ScaleDownDue = Command<'ScaleDownDue', Rollout & { version: number }>;

/** One measurement's raw numbers, read from the runtime for a MeasureAnalysis (null: the version served nothing). */
export type AnalysisMeasured = Command<
  'AnalysisMeasured',
  Rollout & { step: number; measurement: number; canary: Measurement; stable: Measurement | null }
>;

export type RolloutTimerInput = StepPauseElapsed | AutoPromoteDue | AnalysisDue | ScaleDownDue;
export type RolloutInput =
  RolloutControl | ServingVersionReady | ServingVersionLoadFailed | RolloutTimerInput | AnalysisMeasured;

/**
 * What the workflow sends. Serving commands carry the commandId the workflow chose for them
 * (derived from the input's commandId), so serving dedupes redeliveries and the workflow can
 * match a load's outcome by it; the deliverer strips it into the command envelope.
 */
type Numbered<T> = T & { commandId: string };
export type LoadVersion = { type: 'LoadModelVersion'; data: Numbered<LoadModelVersionInput> };
export type RouteTraffic = { type: 'SetTraffic'; data: Numbered<SetTrafficInput> };
export type ScaleVersion = { type: 'ScaleModelVersion'; data: Numbered<ScaleModelVersionInput> };
export type UnloadVersion = { type: 'UnloadModelVersion'; data: Numbered<UnloadModelVersionInput> };
export type ServingSend = LoadVersion | RouteTraffic | ScaleVersion | UnloadVersion;

/** Asks the deployer's measurement step for one analysis measurement over the last window. */
export type MeasureAnalysis = {
  type: 'MeasureAnalysis';
  data: Numbered<
    Rollout & { step: number; measurement: number; windowSeconds: number; canaryVersion: number; stableVersion: number }
  >;
};
export type RolloutSend = ServingSend | MeasureAnalysis;

export type RolloutEvent =
  | DomainEvent<'DeploymentRequested', DeploymentRequestedData>
  | DomainEvent<'DeploymentStarted', DeploymentStartedData>
  | DomainEvent<'TrafficShifted', TrafficShiftedData>
  | DomainEvent<'AnalysisCompleted', AnalysisCompletedData>
  | DomainEvent<'DeploymentPaused', DeploymentPausedData>
  | DomainEvent<'DeploymentPromoted', DeploymentPromotedData>
  | DomainEvent<'DeploymentSucceeded', DeploymentSucceededData>
  | DomainEvent<'DeploymentRolledBack', DeploymentRolledBackData>
  | DomainEvent<'DeploymentAborted', DeploymentAbortedData>
  | DomainEvent<'DeploymentScaled', DeploymentScaledData>
  | DomainEvent<'Undeployed', UndeployedData>;

export type RolloutOutput = WorkflowOutput<RolloutInput, RolloutSend, RolloutEvent>;
export type RolloutRecord = WorkflowRecord<RolloutInput, RolloutSend, RolloutEvent>;
