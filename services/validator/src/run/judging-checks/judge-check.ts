import { Command } from '@ledger/contracts';
import { commandMetadata, OutboxDispatcher, Clock } from '@ledger/eventstore';
import { ValidatorContext } from '../../validator.context';
import { EvaluateCheck, RunContext, runStreamId, runWorkflow } from '../run.workflow';
import { baselineRefOf } from '../run-report.domain';

const baselineOf = (context: RunContext, ref: string | null) =>
  ref === null ? null : (context.baselines.find((b) => b.ref === ref)?.facts ?? null);

/**
 * Evaluates the check a run asked for and hands the result back to the run. Delivered at least
 * once: a check already recorded is not evaluated again, and a result recorded twice (a crash
 * between evaluating and marking the delivery done) is one input, its commandId naming the check.
 */
export async function judgeCheck(context: ValidatorContext, command: Command): Promise<void> {
  const { runId, index } = (command as Command & EvaluateCheck).data;
  const { state } = await context.runs.load(context.db.manager, runStreamId(runId));
  if (state.status !== 'running' || state.results.length !== index) return;
  const check = state.context.policy.checks[index];
  const ref = baselineRefOf(check);
  const result = await context.evaluators.evaluate(check, {
    runId,
    subject: state.context.subject,
    baseline: baselineOf(state.context, ref),
    baselineRef: ref,
  });
  await context.runs.handle({
    type: 'RecordCheckResult',
    data: { runId, index, result },
    metadata: commandMetadata(context.metadata, {
      actor: { id: 'validator', kind: 'service' },
      correlationId: command.metadata.correlationId,
      causationId: command.metadata.commandId ?? null,
      commandId: `${runId}:check:${index}`,
    }),
  });
}

/** The worker that drains the runs' EvaluateCheck commands, woken by appends. */
export function checkJudge(context: ValidatorContext, clock: Clock, databaseUrl: string): OutboxDispatcher {
  return new OutboxDispatcher(context.db, {
    sender: runWorkflow.name,
    clock,
    databaseUrl,
    // Appends wake it (runs started by the knowledge projection: see validation-runs.projection.ts).
    pollMs: 1_000,
    deliver: (command) => judgeCheck(context, command),
  });
}
