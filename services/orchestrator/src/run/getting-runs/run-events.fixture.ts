// A run's stream as the run workflow writes it, for the read models' specs: what it published,
// and the inputs it took or ignored (the runner's records), appended straight to the log.
import { DataSource } from 'typeorm';
import { EventLog, newId } from '@ledger/eventstore';
import { runStreamId } from '../run-messages';

export const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, second)).toISOString();

export type Record_ = [type: string, data: Record<string, unknown>, role?: 'publish' | 'input' | 'ignore'];

/** Appends records to a run's stream; run events get the run's runId, name and version. */
export function runStream(db: DataSource, run: { runId: string; name: string; version: number }) {
  let second = 0;
  return async (...records: Record_[]) => {
    await new EventLog(db).append(
      runStreamId(run.runId),
      records.map(([type, data, role = 'publish']) => ({
        id: newId(),
        type,
        schemaVersion: 1,
        data: role === 'publish' ? { ...run, ...data } : data,
        metadata: {
          source: 'orchestrator',
          occurredAt: at(++second),
          actor: role === 'input' ? { id: 'ana', kind: 'user' } : { id: 'pipeline-run', kind: 'service' },
          correlationId: `flow-${run.runId}`,
          causationId: null,
          workflow: role,
          ...(role === 'input' ? { input: { commandId: `cmd-${second}` } } : {}),
        },
      })),
      'any',
    );
  };
}

const trigger = { kind: 'VersionCreated', id: 'e-1', by: 'trainer' };

/** PipelineRunStarted of these steps ([id, type]) under a scope's pipeline. */
export const started = (scope: string, steps: [string, string][]): Record_ => [
  'PipelineRunStarted',
  {
    modelId: null,
    pipeline: { model: scope, pipelineVersion: 1 },
    trigger,
    parameters: {},
    steps: steps.map(([id, type]) =>
      type === 'transition' ? { id, type, stage: 'Staging' } : type === 'approval' ? { id, type } : { id, type },
    ),
  },
];
export const queued = (): Record_ => ['PipelineRunQueued', { trigger, running: 10 }];
export const stepStarted = (stepId: string, type: string, attempt = 1): Record_ => [
  'PipelineStepStarted',
  { stepId, type, attempt, commandId: type === 'approval' ? null : `run:x:${stepId}:${attempt}` },
];
export const stepSucceeded = (stepId: string, attempt = 1): Record_ => [
  'PipelineStepSucceeded',
  { stepId, attempt, detail: {} },
];
export const stepFailed = (stepId: string, attempt: number, retryAt: string | null, timedOut = false): Record_ => [
  'PipelineStepFailed',
  { stepId, attempt, reason: timedOut ? 'no verdict within 1h' : 'auc 0.7 < 0.8', timedOut, retryAt },
];
