import type { PipelineStep } from '@ledger/contracts';
import { durationMs, schedule } from '@ledger/contracts';
import type { RunOutput, Verdict } from './run-messages';
import { stepCommandId } from './run-messages';
import { after, command, Decision, event, later } from './run-decision.domain';
import { RunState, subjectOf, timerId } from './run-state.domain';
import { failAttempt, succeedStep } from './step-outcome.domain';

type StepOf<T extends PipelineStep['type']> = Extract<PipelineStep, { type: T }>;

/** The verdict of the version's automatic validation (its VersionCreated run), the latest if several. */
export const automaticVerdict = (state: RunState): Verdict | undefined =>
  state.verdicts.filter((v) => v.trigger.kind === 'VersionCreated').at(-1);

/** A verdict decides a validate step: passed, or failed with the blocking checks that did not pass. */
export function judge(d: Decision, state: RunState, stepId: string, verdict: Verdict): RunOutput[] {
  if (verdict.passed)
    return succeedStep(d, state, stepId, { validationRunId: verdict.validationRunId, passed: true, changed: false });
  const checks = verdict.failedChecks.length > 0 ? verdict.failedChecks.join('; ') : 'no check named';
  return failAttempt(d, state, stepId, { reason: `validation ${verdict.validationRunId} failed: ${checks}` });
}

/** Whether a step's attempt sends a command (steps that find their work already done send none). */
function sendsCommand(state: RunState, step: PipelineStep): boolean {
  switch (step.type) {
    case 'validate':
      return step.revalidate;
    case 'transition':
      return state.stage !== step.stage;
    case 'set-alias':
      return state.aliases[step.alias] !== subjectOf(state).version;
    case 'deploy':
    case 'notify':
      return true;
    case 'approval':
    case 'wait':
      return false;
  }
}

function notify(d: Decision, state: RunState, step: StepOf<'notify'>, commandId: string): RunOutput {
  const { name, version } = subjectOf(state);
  const steps = Object.fromEntries(Object.entries(state.stepRuns).map(([id, run]) => [id, run.status]));
  const message = step.message ?? `pipeline run ${d.runId} of ${name} version ${version} reached step ${step.id}`;
  const body = { runId: d.runId, model: name, version, stepId: step.id, message, status: state.status, steps };
  return command('NotifyWebhook', {
    commandId,
    runId: d.runId,
    stepId: step.id,
    url: step.url,
    secretEnv: step.secretEnv ?? null,
    body,
  });
}

/** With revalidate it asks the validator; else the automatic verdict decides, at once if it is known. */
function validate(d: Decision, state: RunState, step: StepOf<'validate'>, commandId: string | null): RunOutput[] {
  const { name, version } = subjectOf(state);
  if (commandId) {
    const policy = step.policyVersion === undefined ? {} : { policyVersion: step.policyVersion };
    return [command('ValidateModelVersion', { commandId, name, version, ...policy })];
  }
  const verdict = automaticVerdict(state);
  return verdict ? judge(d, state, step.id, verdict) : [];
}

function deploy(d: Decision, state: RunState, step: StepOf<'deploy'>, commandId: string): RunOutput {
  const { name, version } = subjectOf(state);
  const { environment, strategy, replicas } = step;
  const reason = `pipeline run ${d.runId}, step ${step.id}`;
  const options = { ...(strategy ? { strategy } : {}), ...(replicas ? { replicas } : {}) };
  return command('DeployModelVersion', { commandId, name, version, environment, ...options, reason });
}

/** What an attempt does once started: its command, or a result it already knows, or a wait. */
function begin(d: Decision, state: RunState, step: PipelineStep, commandId: string | null): RunOutput[] {
  const { name, version } = subjectOf(state);
  const attempt = state.stepRuns[step.id].attempt;
  switch (step.type) {
    case 'validate':
      return validate(d, state, step, commandId);
    case 'transition':
      if (!commandId) return succeedStep(d, state, step.id, { stage: step.stage, from: state.stage, changed: false });
      return [
        command('TransitionModelVersionStage', {
          commandId,
          name,
          version,
          stage: step.stage,
          archiveExistingVersions: step.archiveExisting,
        }),
      ];
    case 'set-alias':
      if (!commandId) return succeedStep(d, state, step.id, { alias: step.alias, version, changed: false });
      return [command('SetModelAlias', { commandId, name, version, alias: step.alias })];
    case 'deploy':
      return [deploy(d, state, step, commandId!)];
    case 'notify':
      return [notify(d, state, step, commandId!)];
    case 'wait': {
      const input = { type: 'WaitElapsed' as const, data: { runId: d.runId, stepId: step.id, attempt } };
      const dueAt = later(d.now, durationMs(step.duration));
      return [schedule({ id: timerId('wait', step.id, attempt), dueAt, input })];
    }
    case 'approval':
      return [];
  }
}

/** Starts an attempt of a step: PipelineStepStarted, what it does, and its timeout while it has not ended. */
export function startAttempt(d: Decision, state: RunState, step: PipelineStep, attempt: number): RunOutput[] {
  const commandId = sendsCommand(state, step) ? stepCommandId(d.runId, step.id, attempt) : null;
  const started = event(d, state, 'PipelineStepStarted', { stepId: step.id, attempt, type: step.type, commandId });
  const outputs = [started, ...begin(d, after(state, [started]), step, commandId)];
  const stillRunning = after(state, outputs).stepRuns[step.id].status === 'running';
  if (!step.timeout || !stillRunning) return outputs;
  const input = { type: 'StepTimedOut' as const, data: { runId: d.runId, stepId: step.id, attempt } };
  const dueAt = later(d.now, durationMs(step.timeout));
  return [...outputs, schedule({ id: timerId('timeout', step.id, attempt), dueAt, input })];
}
