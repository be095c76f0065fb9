export const RUN_EXAMPLE = {
  runId: '0193a4d2-7c1e-7000-8000-000000000001',
  name: 'churn',
  version: 4,
  modelId: '0193a4d1-0000-7000-8000-000000000000',
  pipeline: { model: '*', pipelineVersion: 0 },
  trigger: { kind: 'VersionCreated', id: '0193a4d1-…', by: 'trainer' },
  parameters: {},
  status: 'waiting',
  queuedAt: null,
  startedAt: '2026-12-04T12:00:00.000Z',
  endedAt: null,
  durationMs: null,
  failedStep: null,
  reason: null,
  supersededBy: null,
  correlationId: 'train-job-4711',
};

export const STEP_EXAMPLE = {
  stepId: 'approve',
  type: 'approval',
  status: 'running',
  attempts: 1,
  commandId: null,
  lastReason: null,
  retryAt: null,
  compensation: null,
  approvals: [
    { decision: 'approved', actor: { id: 'bo', kind: 'user' }, comment: 'lgtm', at: '2026-12-04T12:05:00.000Z' },
  ],
  startedAt: '2026-12-04T12:01:00.000Z',
  endedAt: null,
};

export const METRICS_EXAMPLE = {
  runsByStatus: { queued: 0, running: 2, waiting: 1, succeeded: 40, failed: 3, cancelled: 1 },
  durations: [{ pipeline: '*', runs: 44, p50Ms: 92000, p95Ms: 410000, maxMs: 900000 }],
  stepFailures: [{ stepId: 'validate', type: 'validate', failures: 3, timedOut: 1 }],
  approvalsWaiting: 1,
};
