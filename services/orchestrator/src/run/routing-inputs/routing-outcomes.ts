import { EntityManager } from 'typeorm';
import { parseStepCommandId, RegistryOutcome } from '../run-messages';
import type { CommandDeadLetteredData } from './dead-letters';
import { handToRun, RoutedEvent, routedMetadata } from './routed-input';
import { runById } from './run-slots';

/** The run's chain, or the event's when the router never heard of the run. */
async function chainOf(tx: EntityManager, runId: string, event: RoutedEvent): Promise<string> {
  return (await runById(tx, runId))?.correlationId ?? String(event.metadata.correlationId ?? event.id);
}

/** A stage or alias change one of our runs' commands caused (its causationId is the command's id). */
export async function registryOutcome(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const commandId = String(event.metadata.causationId ?? '');
  const step = parseStepCommandId(commandId);
  if (!step) return;
  await handToRun(tx, {
    type: 'RegistryOutcome',
    data: {
      runId: step.runId,
      commandId,
      event: event.type as RegistryOutcome['data']['event'],
      data: event.data,
    },
    metadata: routedMetadata(event, step.runId, await chainOf(tx, step.runId, event)),
  });
}

/** A rollout asked for by one of our runs' DeployModelVersion: its deploymentId names the run from now on. */
export async function deploymentRequested(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const { deploymentId, trigger } = event.data as { deploymentId: string; trigger: { causedBy: string } };
  const step = parseStepCommandId(trigger.causedBy);
  if (!step) return;
  await tx.query(
    `INSERT INTO router_deployments (deployment_id, run_id, command_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [deploymentId, step.runId, trigger.causedBy],
  );
}

const OUTCOME = {
  DeploymentSucceeded: 'succeeded',
  DeploymentRolledBack: 'rolled-back',
  DeploymentAborted: 'aborted',
} as const;

export async function deploymentEnded(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const { deploymentId, reason } = event.data as { deploymentId: string; reason?: string };
  const rows: { runId: string; commandId: string }[] = await tx.query(
    `SELECT run_id AS "runId", command_id AS "commandId" FROM router_deployments WHERE deployment_id = $1`,
    [deploymentId],
  );
  if (!rows[0]) return; // someone else's rollout
  const { runId, commandId } = rows[0];
  await handToRun(tx, {
    type: 'DeploymentOutcome',
    data: {
      runId,
      commandId,
      deploymentId,
      outcome: OUTCOME[event.type as keyof typeof OUTCOME],
      reason: reason ?? null,
    },
    metadata: routedMetadata(event, runId, await chainOf(tx, runId, event)),
  });
}

/** A service refused one of our runs' commands (it went to the topic's DLQ). */
export async function commandDeadLettered(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const data = event.data as CommandDeadLetteredData;
  const step = parseStepCommandId(data.commandId);
  if (!step) return;
  await handToRun(tx, {
    type: 'CommandRefused',
    data: { runId: step.runId, commandId: data.commandId, commandType: data.commandType, error: data.error },
    metadata: routedMetadata(event, step.runId, await chainOf(tx, step.runId, event)),
  });
}
