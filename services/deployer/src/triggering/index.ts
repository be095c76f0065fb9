import { Feature } from '@ledger/platform';
import { registryKnowledge, registryKnowledgeMigration } from '@ledger/registry-knowledge';
import type { DeployerContext } from '../deployer.context';
import { TRIGGER_LOG_MIGRATION } from './getting-triggers/trigger-log';
import { TriggersHttp } from './getting-triggers/triggers.http';
import { triggeringRollouts } from './triggering-rollouts/triggering-rollouts';

/**
 * The registry as the deployer knows it (from ml.registry.events in its inbox) and the rollouts
 * its events trigger: a reacting projection, built from the context (it hands rollouts to the
 * workflows) and taken first in each round of the host's projection runner.
 */
export const triggeringFeature: Feature<DeployerContext> = {
  name: 'triggering',
  http: [TriggersHttp],
  migrations: [registryKnowledgeMigration('deployer-edges-001-registry-knowledge'), TRIGGER_LOG_MIGRATION],
  reacting: (context, host) => [triggeringRollouts(registryKnowledge, context.rollouts, host.metadata)],
};
