import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError, LedgerError } from '@ledger/contracts';
import { commandMetadata, MetadataSource, Projection, StoredEvent } from '@ledger/eventstore';
import { actingOnKnowledge, latestVersion, versionFactsById } from '@ledger/registry-knowledge';
import { allEnvironments } from '../../environment/getting-environments/environment-policies';
import type { Rollouts } from '../../rollout/rollout-inputs';
import { firstLookAt, recordTrigger } from '../getting-triggers/trigger-log';
import { decideTriggers, TRIGGERING_EVENTS, TriggerDecision, TriggeredVersion } from './rollout-triggers.decide';

const logger = new Logger('DeployerTriggers');

/**
 * The actor of every triggered rollout: the deployer itself, also in a protected environment.
 * The registry already decided who may move the alias or stage (its protected aliases and
 * stages, separation of duties), so requiring the mover's role again here would only let two
 * policies disagree; protect the alias or stage that triggers a protected environment. The
 * registry event stays the rollout's cause (trigger.causedBy, causationId), so who moved it is
 * one lookup away in the audit trail.
 */
export const TRIGGER_ACTOR = { id: 'deployer', kind: 'service' as const };

/** The same on every delivery and every rebuild: a redelivered registry event asks nothing new. */
export const triggerCommandId = (eventId: string, environment: string) => `trigger:${eventId}:${environment}`;

async function triggeredVersion(tx: EntityManager, event: StoredEvent): Promise<TriggeredVersion | undefined> {
  const { modelId, version } = event.data as { modelId: string; version: number };
  const facts = await versionFactsById(tx, modelId, version);
  if (!facts) return undefined; // deleted before the knowledge caught up: nothing to serve
  return {
    name: facts.name,
    version: facts.version,
    artifactSha256: facts.artifact?.sha256 ?? null,
    signature: facts.signature,
    semverLabel: facts.semver?.label ?? null,
    stage: facts.stage,
    aliases: facts.aliases,
    isLatest: (await latestVersion(tx, modelId)) === version,
  };
}

// The database or a concurrent writer: the projection runner retries the event, the commandId keeps it once.
const mayPassOnRetry = (error: LedgerError) =>
  error.kind === 'Unavailable' || (error instanceof ConflictError && error.retryable);

/** Hands one decision to the rollout workflow; a refusal by the workflow is recorded, not retried. */
async function carryOut(decision: TriggerDecision, event: StoredEvent, rollouts: Rollouts, source: MetadataSource) {
  if (decision.outcome === 'skipped') {
    logger.warn(`${event.type} ${event.id} → ${decision.environment}: skipped, ${decision.reason}`);
    return { outcome: 'skipped' as const, reason: decision.reason, deploymentId: null };
  }
  const metadata = commandMetadata(source, {
    actor: TRIGGER_ACTOR,
    correlationId: (event.metadata as { correlationId?: string }).correlationId,
    causationId: event.id,
    commandId: triggerCommandId(event.id, decision.environment),
  });
  try {
    const handled = await rollouts.handle({ type: 'RequestRollout', data: decision.request, metadata });
    return { outcome: 'requested' as const, reason: decision.request.reason ?? '', deploymentId: handled.deploymentId };
  } catch (error) {
    if (!(error instanceof LedgerError) || mayPassOnRetry(error)) throw error;
    logger.warn(`${event.type} ${event.id} → ${decision.environment}: refused, ${error.message}`);
    return { outcome: 'refused' as const, reason: error.message, deploymentId: null };
  }
}

async function trigger(tx: EntityManager, event: StoredEvent, rollouts: Rollouts, source: MetadataSource) {
  if (!(await firstLookAt(tx, event.id))) return;
  const version = await triggeredVersion(tx, event);
  if (!version) return;
  const data = event.data as { alias?: string; to?: string };
  const decisions = decideTriggers({ id: event.id, type: event.type, data }, version, await allEnvironments(tx));
  for (const decision of decisions) {
    const done = await carryOut(decision, event, rollouts, source);
    const at = (event.metadata as { occurredAt?: string }).occurredAt ?? new Date(event.createdAt).toISOString();
    const { name, version: number } = version;
    await recordTrigger(tx, {
      eventId: event.id,
      environment: decision.environment,
      eventType: event.type,
      name,
      version: number,
      at,
      ...done,
    });
  }
}

/** The registry knowledge, and the rollouts each of its events triggers, read as the registry stood at that event. */
export const triggeringRollouts = (knowledge: Projection, rollouts: Rollouts, source: MetadataSource): Projection =>
  actingOnKnowledge(knowledge, TRIGGERING_EVENTS, (tx, event) => trigger(tx, event, rollouts, source));
