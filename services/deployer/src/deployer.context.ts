import { DataSource } from 'typeorm';
import { CommandHandler, MetadataSource } from '@ledger/eventstore';
import type { AccessControl } from '@ledger/platform';
import type { EnvironmentCommand, EnvironmentEvent, EnvironmentState } from './environment/environment';
import type { Rollouts } from './rollout/rollout-inputs';

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
