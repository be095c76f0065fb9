import { Feature } from '@ledger/platform';
import { registryKnowledgeMigration } from '@ledger/registry-knowledge';
import type { DeployerContext } from '../deployer.context';
import { TRIGGER_LOG_MIGRATION } from './getting-triggers/trigger-log';
import { TriggersHttp } from './getting-triggers/triggers.http';

/**
 * The registry as the deployer knows it (from ml.registry.events in its inbox) and the rollouts
 * its events trigger. The projection itself needs the rollout workflows, so it runs in the
 * worker edgeWorkers() builds from the context (deployer.edges.ts).
 */
export const triggeringFeature: Feature<DeployerContext> = {
  name: 'triggering',
  http: [TriggersHttp],
  migrations: [registryKnowledgeMigration('deployer-edges-001-registry-knowledge'), TRIGGER_LOG_MIGRATION],
};
