import type { RunOutput } from './run-messages';
import { stepCommandId } from './run-messages';
import { command, Decision, durationOf, event, stopTimers } from './run-decision.domain';
import { DoneStep, RunState, subjectOf } from './run-state.domain';

/**
 * What undoing one succeeded step sends and says; null: it changed nothing the run can move back.
 * Every undo is a compare-and-set on what the step left: a change someone made since is theirs,
 * and the registry refuses the undo rather than overwrite it.
 */
function undo(d: Decision, state: RunState, done: DoneStep): RunOutput[] | null {
  if (done.detail.changed !== true) return null;
  const { name, version, aliases } = subjectOf(state);
  const commandId = stepCommandId(d.runId, done.stepId, 'undo');
  const compensated = (action: string) =>
    event(d, state, 'PipelineStepCompensated', { stepId: done.stepId, action, commandId });
  if (done.type === 'set-alias') {
    const alias = String(done.detail.alias);
    const before = aliases[alias];
    const set = Number(done.detail.version ?? version);
    const unless = `unless it was moved from version ${set} since`;
    if (before === undefined)
      return [
        command('DeleteModelAlias', { commandId, name, alias, ifExists: true, expectedVersion: set }),
        compensated(`alias ${alias} deleted (it named no version before the run), ${unless}`),
      ];
    return [
      command('SetModelAlias', { commandId, name, version: before, alias, expectedVersion: set }),
      compensated(`alias ${alias} moved back to version ${before}, ${unless}`),
    ];
  }
  if (done.type === 'transition') {
    const [stage, expectedStage] = [String(done.detail.from), String(done.detail.stage)];
    return [
      command('TransitionModelVersionStage', {
        commandId,
        name,
        version,
        stage,
        archiveExistingVersions: false,
        expectedStage,
      }),
      compensated(
        `version ${version} moved back to ${stage} unless it left ${expectedStage} since (versions the move archived stay archived)`,
      ),
    ];
  }
  return null;
}

/**
 * Undoes what the run's succeeded steps did, last first (an alias moved back, a stage restored),
 * then fails the run. A deployment is not undone: the deployer's rollback is a person's decision.
 */
export function compensate(d: Decision, state: RunState, stepId: string, reason: string): RunOutput[] {
  const outputs: RunOutput[] = [];
  const undone: string[] = [];
  for (const done of [...state.done].reverse()) {
    const steps = undo(d, state, done);
    if (steps) undone.push(done.stepId);
    outputs.push(...(steps ?? []));
  }
  const deployed = state.done.filter((s) => s.type === 'deploy').map((s) => s.stepId);
  const notes = [
    undone.length > 0 ? `compensated: ${undone.join(', ')}` : 'nothing to compensate',
    ...(deployed.length > 0
      ? [
          `not undone: ${deployed.join(', ')} (a deployment is not rolled back by a compensation: roll it back with the deployer)`,
        ]
      : []),
  ];
  return [...outputs, ...endFailed(d, state, stepId, `${reason}; ${notes.join('; ')}`)];
}

/** The run fails for good: its pending timers go, nothing more is sent for it. */
export function endFailed(d: Decision, state: RunState, stepId: string, reason: string): RunOutput[] {
  const durationMs = durationOf(d, state);
  return [...stopTimers(state), event(d, state, 'PipelineRunFailed', { stepId, reason, durationMs })];
}
