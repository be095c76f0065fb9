import type {
  CheckResult,
  Command,
  DomainEvent,
  PolicyCheck,
  ValidationCheckCompletedData,
  ValidationPassedData,
  ValidationStartedData,
  Workflow,
  WorkflowOutput,
  WorkflowRecord,
} from '@ledger/contracts';
import { ignore, publish, send } from '@ledger/contracts';
import type { VersionFacts } from '../version/version-facts';
import { passes, summarize } from './run-report.domain';

export interface RunContext {
  runId: string;
  trigger: ValidationStartedData['trigger'];
  dryRun: boolean;
  subject: VersionFacts;
  policy: { version: number; checks: PolicyCheck[] };
  /** What each baseline reference of the policy named when the run started. */
  baselines: { ref: string; facts: VersionFacts | null }[];
}

/** Everything the run judges is fixed here, when it starts: a restart evaluates the same evidence. */
export type StartValidationRun = Command<'StartValidationRun', RunContext>;
export type RecordCheckResult = Command<'RecordCheckResult', { runId: string; index: number; result: CheckResult }>;
export type RunInput = StartValidationRun | RecordCheckResult;

/** Asks the run's evaluator to judge check `index` (delivered at least once; the result is recorded once). */
export type EvaluateCheck = { type: 'EvaluateCheck'; data: { runId: string; index: number } };

export type RunEvent =
  | DomainEvent<'ValidationStarted', ValidationStartedData>
  | DomainEvent<'ValidationCheckCompleted', ValidationCheckCompletedData>
  | DomainEvent<'ValidationPassed', ValidationPassedData>
  | DomainEvent<'ValidationFailed', ValidationPassedData>;

export type RunState =
  { status: 'unknown' } | { status: 'running' | 'finished'; context: RunContext; results: CheckResult[] };

type Output = WorkflowOutput<RunInput, EvaluateCheck, RunEvent>;

export const runStreamId = (runId: string): string => `validation-run-${runId}`;

const refOf = ({ subject, runId }: RunContext) => ({
  runId,
  modelId: subject.modelId,
  name: subject.name,
  version: subject.version,
});

function start(input: StartValidationRun, state: RunState): Output[] {
  if (state.status !== 'unknown') return [ignore(`run ${input.data.runId} has already started`)];
  const context = input.data;
  const started = publish<RunEvent>({
    type: 'ValidationStarted',
    data: {
      ...refOf(context),
      policyVersion: context.policy.version,
      checks: context.policy.checks.map(({ id, kind, blocking }) => ({ id, kind, blocking })),
      dryRun: context.dryRun,
      trigger: context.trigger,
      baselines: context.baselines.map(({ ref, facts }) => ({ ref, version: facts?.version ?? null })),
    },
  });
  return [started, ...next(context, [])];
}

/** The next check to evaluate, or the verdict once every check is in (none for a dry run). */
function next(context: RunContext, results: CheckResult[]): Output[] {
  if (results.length < context.policy.checks.length)
    return [send({ type: 'EvaluateCheck', data: { runId: context.runId, index: results.length } })];
  if (context.dryRun) return [];
  const summary = summarize(results);
  const data = { ...refOf(context), policyVersion: context.policy.version, summary };
  return [publish<RunEvent>({ type: passes(summary) ? 'ValidationPassed' : 'ValidationFailed', data })];
}

function record(input: RecordCheckResult, state: RunState): Output[] {
  const { runId, index } = input.data;
  if (state.status === 'unknown') return [ignore(`run ${runId} has not started`)];
  if (state.status === 'finished') return [ignore(`run ${runId} has finished: its report is closed`)];
  if (index !== state.results.length)
    return [ignore(`check ${index} of run ${runId} is not the one awaited (${state.results.length})`)];
  const { context } = state;
  const check = context.policy.checks[index];
  // The policy, not the evaluator, says what the check is and whether it blocks.
  const result = { ...input.data.result, id: check.id, kind: check.kind, blocking: check.blocking };
  const total = context.policy.checks.length;
  const completed = publish<RunEvent>({
    type: 'ValidationCheckCompleted',
    data: { ...refOf(context), index, total, dryRun: context.dryRun, result },
  });
  return [completed, ...next(context, [...state.results, result])];
}

function evolve(state: RunState, entry: WorkflowRecord<RunInput, EvaluateCheck, RunEvent>): RunState {
  if (entry.kind === 'input' && entry.input.type === 'StartValidationRun' && state.status === 'unknown')
    return {
      status: entry.input.data.dryRun && entry.input.data.policy.checks.length === 0 ? 'finished' : 'running',
      context: entry.input.data,
      results: [],
    };
  if (entry.kind !== 'publish' || state.status === 'unknown') return state;
  const event = entry.event;
  if (event.type === 'ValidationCheckCompleted') {
    const results = [...state.results, event.data.result];
    const done = state.context.dryRun && results.length === state.context.policy.checks.length;
    return { ...state, results, status: done ? 'finished' : state.status };
  }
  if (event.type === 'ValidationPassed' || event.type === 'ValidationFailed') return { ...state, status: 'finished' };
  return state;
}

/**
 * One validation run: started with its evidence fixed, then each check in policy order — the
 * evaluation is sent out (it may read artifacts and datasets), its result comes back as an input
 * — and exactly one verdict when the last check is in. Redelivered results are ignored by index.
 */
export const runWorkflow: Workflow<RunInput, EvaluateCheck, RunEvent, RunState> = {
  name: 'validation-run',
  streamOf: (input) => runStreamId(input.data.runId),
  initialState: () => ({ status: 'unknown' }),
  decide: (input, state) => {
    switch (input.type) {
      case 'StartValidationRun':
        return start(input, state);
      case 'RecordCheckResult':
        return record(input, state);
    }
  },
  evolve,
};
