// Run inputs for the workflow's specs, with fixed times and ids so expectations can name them.
import { CheckResult, CommandMetadata, PolicyChecksSchema } from '@ledger/contracts';
import { versionFacts } from '../version/version-facts.fixture';
import { RecordCheckResult, RunContext, StartValidationRun } from './run.workflow';

export const RUN_ID = '0193a3c4-0000-8000-8000-00000000abcd';

const metadata = (commandId: string): CommandMetadata => ({
  now: '2026-11-22T12:00:00.000Z',
  newId: `id-${commandId}`,
  actor: { id: 'validator', kind: 'service' },
  correlationId: 'flow-1',
  causationId: null,
  commandId,
});

export const twoChecks = PolicyChecksSchema.parse([
  { kind: 'threshold', metric: 'auc', threshold: 0.8, greater_is_better: true },
  { kind: 'required_metadata', blocking: false, tags: ['owner'] },
]);

export const runContext = (overrides: Partial<RunContext> = {}): RunContext => ({
  runId: RUN_ID,
  trigger: { kind: 'VersionCreated', id: 'event-1' },
  dryRun: false,
  subject: versionFacts(2, { metrics: { auc: 0.85 } }),
  policy: { version: 3, checks: twoChecks },
  baselines: [{ ref: 'alias:champion|stage:Production', facts: versionFacts(1) }],
  ...overrides,
});

export const startRun = (overrides: Partial<RunContext> = {}): StartValidationRun => ({
  type: 'StartValidationRun',
  data: runContext(overrides),
  metadata: metadata(`start:${RUN_ID}`),
});

export const result = (outcome: CheckResult['outcome'], id = 'whatever'): CheckResult => ({
  id,
  kind: 'whatever',
  blocking: false,
  outcome,
  value: null,
  threshold: null,
  baseline: null,
  message: outcome,
  details: {},
});

export const recordResult = (index: number, outcome: CheckResult['outcome']): RecordCheckResult => ({
  type: 'RecordCheckResult',
  data: { runId: RUN_ID, index, result: result(outcome) },
  metadata: metadata(`${RUN_ID}:check:${index}`),
});
