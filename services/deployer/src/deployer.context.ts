import { DataSource } from 'typeorm';
import { CommandHandler, MetadataSource } from '@ledger/eventstore';
import type { AccessControl } from '@ledger/platform';
import type { EnvironmentCommand, EnvironmentEvent, EnvironmentState } from './environment/environment';
import type { Rollouts } from './rollout/rollout-inputs';
import { rolloutRunner as createRolloutRunner, RolloutRunner, rolloutsOver } from './rollout/running/rollout-runner';
import type { DeploymentRuntime } from './runtime/deployment-runtime';

export const DEPLOYER = Symbol('deployer-context');
export const SOURCE = 'deployer';

export type EnvironmentHandler = CommandHandler<EnvironmentCommand, EnvironmentEvent, EnvironmentState>;

/** What the deployer's slices share: its database, clock and ids, and the rollout workflows. */
export interface DeployerContext {
  db: DataSource;
  metadata: MetadataSource;
  /** Every deploy, promote, abort, rollback, scale and undeploy goes through here. */
  rollouts: Rollouts;
  /** Who a command's actor is (the host's): protected environments check it. */
  access: AccessControl;
  /** Environment policies (ConfigureEnvironment), with their read model written inline. */
  environments: EnvironmentHandler;
}

/** The workflow machinery behind `rollouts`, for the deployer's own wiring (workers, the serving-events consumer). */
export interface DeployerServiceContext extends DeployerContext {
  rolloutRunner: RolloutRunner;
  runtime: DeploymentRuntime;
}

/** The deployer's context: the rollout workflows over its database, driving this runtime, and its edges' parts. */
export function createDeployerContext(
  db: DataSource,
  metadata: MetadataSource,
  runtime: DeploymentRuntime,
  edges: Pick<DeployerContext, 'access' | 'environments'>,
): DeployerServiceContext {
  const rolloutRunner = createRolloutRunner(db, SOURCE, metadata.newId);
  return { db, metadata, rollouts: rolloutsOver(rolloutRunner), rolloutRunner, runtime, ...edges };
}
