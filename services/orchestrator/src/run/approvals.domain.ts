import type { PipelineStep } from '@ledger/contracts';
import { ForbiddenError, IllegalStateError } from '@ledger/contracts';
import type { ApproveStep, RejectStep, RunActor, RunOutput } from './run-messages';
import { after, Decision, event } from './run-decision.domain';
import { requireStep } from './run-guards.domain';
import { hasEnded, RunState, subjectOf } from './run-state.domain';
import { failAttempt, succeedStep } from './step-outcome.domain';

type Gate = Extract<PipelineStep, { type: 'approval' }>;
const DEFAULT_ROLES = ['approver', 'admin'];

/** Whether an actor may decide at a gate; without authentication nobody's roles are known, so anyone may. */
export function mayDecide(gate: Gate, actor: RunActor): boolean {
  if (!actor.authenticated) return true;
  const { roles, users } = gate.approvers;
  if (users.includes(actor.id)) return true;
  const allowed = roles.length === 0 && users.length === 0 ? DEFAULT_ROLES : roles;
  return actor.roles.some((role) => allowed.includes(role));
}

function authorize(d: Decision, state: RunState, gate: Gate, actor: RunActor): void {
  if (!mayDecide(gate, actor))
    throw new ForbiddenError(`${actor.id} may not decide at approval gate ${gate.id} of run ${d.runId}`);
  if (gate.separationOfDuties && actor.id === subjectOf(state).registeredBy)
    throw new ForbiddenError(
      `separation of duties: ${actor.id} registered version ${subjectOf(state).version} and may not approve its promotion`,
    );
}

/** The gate of a person's decision: it must exist, wait for decisions, and the person may decide there. */
function openGate(d: Decision, state: RunState, input: ApproveStep | RejectStep): Gate {
  const { step, run } = requireStep(d, state, input.data.stepId, 'approval');
  if (hasEnded(state)) throw new IllegalStateError(`run ${d.runId} ${state.status}: gate ${step.id} takes no decision`);
  if (run.status !== 'running')
    throw new IllegalStateError(
      `approval gate ${step.id} of run ${d.runId} is ${run.status}: it waits for no decision`,
    );
  authorize(d, state, step as Gate, input.data.actor);
  return step as Gate;
}

const recorded = (d: Decision, state: RunState, gate: Gate, input: ApproveStep | RejectStep, approvals: number) =>
  event(d, state, 'PipelineApprovalRecorded', {
    stepId: gate.id,
    decision: input.type === 'ApproveStep' ? 'approved' : 'rejected',
    actor: { id: input.data.actor.id, kind: input.data.actor.kind },
    comment: input.data.comment,
    approvals,
    required: gate.required,
  });

/** One approval; the gate opens once `required` distinct people approved. */
export function approveStep(d: Decision, input: ApproveStep, state: RunState): RunOutput[] {
  const gate = openGate(d, state, input);
  const { approvals } = state.stepRuns[gate.id];
  if (approvals.includes(input.data.actor.id))
    throw new IllegalStateError(
      `${input.data.actor.id} already approved gate ${gate.id} of run ${d.runId}: it needs ${gate.required} distinct approvers`,
    );
  const outputs = [recorded(d, state, gate, input, approvals.length + 1)];
  if (approvals.length + 1 < gate.required) return outputs;
  const approvers = [...approvals, input.data.actor.id];
  return [...outputs, ...succeedStep(d, after(state, outputs), gate.id, { approvers, changed: false })];
}

/** A rejection fails the gate's attempt for good: a person's answer is not retried by a timer. */
export function rejectStep(d: Decision, input: RejectStep, state: RunState): RunOutput[] {
  const gate = openGate(d, state, input);
  const outputs = [recorded(d, state, gate, input, state.stepRuns[gate.id].approvals.length)];
  const reason = `rejected by ${input.data.actor.id}: ${input.data.comment ?? 'no comment'}`;
  return [...outputs, ...failAttempt(d, after(state, outputs), gate.id, { reason, final: true })];
}
