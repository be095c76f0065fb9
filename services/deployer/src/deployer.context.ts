import { DataSource } from 'typeorm';
import { MetadataSource } from '@ledger/eventstore';
import type { Rollouts } from './rollout/rollout-inputs';

export const DEPLOYER = Symbol('deployer-context');
export const SOURCE = 'deployer';

/** What the deployer's slices share: its database, clock and ids, and the rollout workflows. */
export interface DeployerContext {
  db: DataSource;
  metadata: MetadataSource;
  /** Every deploy, promote, abort, rollback, scale and undeploy goes through here. */
  rollouts: Rollouts;
}
