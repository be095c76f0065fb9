import { ignore } from '@ledger/contracts';
import type {
  CommandRefused,
  DeploymentOutcome,
  NotifyOutcome,
  RegistryOutcome,
  RunOutput,
  StepTimedOut,
  VerdictReceived,
  WaitElapsed,
} from './run-messages';
import { parseStepCommandId } from './run-messages';
import { Decision, stepOf } from './run-decision.domain';
import { runNotTaking } from './run-guards.domain';
import { RunState } from './run-state.domain';
import { failAttempt, succeedStep } from './step-outcome.domain';
import { judge } from './step-start.domain';

/** The step whose current attempt sent a command, or why an outcome of it is not taken. */
function waitingOn(
  d: Decision,
  state: RunState,
  commandId: string,
  outcome: string,
): { stepId: string } | { why: string } {
  const ref = parseStepCommandId(commandId);
  if (ref?.attempt === 'undo' && ref.runId === d.runId)
    return { why: `compensation of step ${ref.stepId}: ${outcome}` };
  const notTaking = runNotTaking(d, state);
  if (notTaking) return { why: notTaking };
  if (!ref || ref.runId !== d.runId) return { why: `no step of run ${d.runId} sent command ${commandId}` };
  const run = state.stepRuns[ref.stepId];
  if (!run) return { why: `no step of run ${d.runId} is named ${ref.stepId}` };
  if (String(run.attempt) !== ref.attempt)
    return { why: `late: attempt ${ref.attempt} of step ${ref.stepId} was followed by attempt ${run.attempt}` };
  if (run.status === 'succeeded') return { why: `duplicate: step ${ref.stepId} already succeeded` };
  if (run.status !== 'running' || run.commandId !== commandId)
    return { why: `step ${ref.stepId} is ${run.status}: attempt ${ref.attempt} no longer waits` };
  return { stepId: ref.stepId };
}

const OUTCOME_OF = { transition: 'VersionStageTransitioned', 'set-alias': 'AliasSet' } as const;

export function registryOutcome(d: Decision, input: RegistryOutcome, state: RunState): RunOutput[] {
  const waiting = waitingOn(d, state, input.data.commandId, `done (${input.data.event})`);
  if ('why' in waiting) return [ignore(waiting.why)];
  const step = stepOf(state, waiting.stepId)!;
  if (step.type !== 'transition' && step.type !== 'set-alias')
    return [ignore(`step ${step.id} is a ${step.type} step: a registry ${input.data.event} does not end it`)];
  if (OUTCOME_OF[step.type] !== input.data.event)
    return [ignore(`step ${step.id} waits for ${OUTCOME_OF[step.type]}, not ${input.data.event}`)];
  const { version } = state.start!.subject;
  const detail =
    step.type === 'transition'
      ? { stage: step.stage, from: state.stage, changed: true }
      : { alias: step.alias, version, previous: state.aliases[step.alias] ?? null, changed: true };
  return succeedStep(d, state, step.id, detail);
}

export function deploymentOutcome(d: Decision, input: DeploymentOutcome, state: RunState): RunOutput[] {
  const waiting = waitingOn(d, state, input.data.commandId, `deployment ${input.data.outcome}`);
  if ('why' in waiting) return [ignore(waiting.why)];
  const { deploymentId, outcome, reason } = input.data;
  if (outcome === 'succeeded') return succeedStep(d, state, waiting.stepId, { deploymentId, changed: true });
  return failAttempt(d, state, waiting.stepId, {
    reason: `deployment ${deploymentId} ${outcome}: ${reason ?? 'no reason given'}`,
  });
}

export function notifyOutcome(d: Decision, input: NotifyOutcome, state: RunState): RunOutput[] {
  const waiting = waitingOn(d, state, input.data.commandId, 'webhook called');
  if ('why' in waiting) return [ignore(waiting.why)];
  const { ok, status, error } = input.data;
  if (ok) return succeedStep(d, state, waiting.stepId, { status, changed: false });
  const reason = `webhook call failed${status === null ? '' : ` (HTTP ${status})`}: ${error ?? 'no error given'}`;
  return failAttempt(d, state, waiting.stepId, { reason });
}

export function commandRefused(d: Decision, input: CommandRefused, state: RunState): RunOutput[] {
  const reason = `${input.data.commandType} refused: ${input.data.error}`;
  const waiting = waitingOn(d, state, input.data.commandId, `not done, what the step did stays: ${reason}`);
  if ('why' in waiting) return [ignore(waiting.why)];
  return failAttempt(d, state, waiting.stepId, { reason });
}

/** A timer of a step's attempt fired: it counts only while that attempt still runs. */
function timerStep(d: Decision, state: RunState, data: { stepId: string; attempt: number }): string | null {
  const notTaking = runNotTaking(d, state);
  if (notTaking) return notTaking;
  const run = state.stepRuns[data.stepId];
  if (!run) return `no step of run ${d.runId} is named ${data.stepId}`;
  if (run.attempt !== data.attempt) return `late: attempt ${data.attempt} of step ${data.stepId} is over`;
  if (run.status !== 'running') return `late: step ${data.stepId} is ${run.status}`;
  return null;
}

export function stepTimedOut(d: Decision, input: StepTimedOut, state: RunState): RunOutput[] {
  const why = timerStep(d, state, input.data);
  if (why) return [ignore(why)];
  const step = stepOf(state, input.data.stepId)!;
  return failAttempt(d, state, step.id, { reason: `timed out after ${step.timeout}`, timedOut: true });
}

export function waitElapsed(d: Decision, input: WaitElapsed, state: RunState): RunOutput[] {
  const why = timerStep(d, state, input.data);
  if (why) return [ignore(why)];
  return succeedStep(d, state, input.data.stepId, { changed: false });
}

/** A verdict: the running validate step it belongs to takes it; one that arrives early is kept for it. */
export function verdictReceived(d: Decision, input: VerdictReceived, before: RunState, state: RunState): RunOutput[] {
  const { verdict } = input.data;
  if (before.verdicts.some((v) => v.validationRunId === verdict.validationRunId))
    return [ignore(`duplicate: verdict of validation ${verdict.validationRunId} was already received`)];
  const notTaking = runNotTaking(d, state);
  if (notTaking) return [ignore(notTaking)];
  const waiting = state.steps.find((step) => {
    const run = state.stepRuns[step.id];
    if (step.type !== 'validate' || run.status !== 'running') return false;
    return step.revalidate ? verdict.trigger.id === run.commandId : verdict.trigger.kind === 'VersionCreated';
  });
  if (waiting) return judge(d, state, waiting.id, verdict);
  const took = state.steps.find((s) => s.type === 'validate' && state.stepRuns[s.id].status === 'succeeded');
  if (took) return [ignore(`duplicate: step ${took.id} already took a verdict`)];
  return [ignore(`kept: no validate step waits for validation ${verdict.validationRunId} yet`)];
}
