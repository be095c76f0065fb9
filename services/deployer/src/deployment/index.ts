import { Feature } from '@ledger/platform';
import type { DeployerContext } from '../deployer.context';
import { deployVersionOnBus } from './deploying-version/deploy-version.bus';
import { DeployVersionHttp } from './deploying-version/deploy-version.http';
import { steerRolloutOnBus } from './steering-rollout/steer-rollout.bus';
import { SteerRolloutHttp } from './steering-rollout/steer-rollout.http';
import { DeploymentsHttp } from './getting-deployments/deployments.http';
import { deploymentsProjection } from './getting-deployments/deployments.projection';
import { DEPLOYMENTS_JOINS_MIGRATION, DEPLOYMENTS_MIGRATION } from './getting-deployments/deployments.tables';

/**
 * Deploy, promote, abort, roll back, scale and undeploy, over HTTP and the bus (each handed to
 * the rollout workflow), and the rollouts read back with their events.
 */
export const deploymentFeature: Feature<DeployerContext> = {
  name: 'deployment-commands',
  http: [DeployVersionHttp, SteerRolloutHttp, DeploymentsHttp],
  bus: [deployVersionOnBus, ...steerRolloutOnBus],
  projections: [deploymentsProjection],
  migrations: [DEPLOYMENTS_MIGRATION, DEPLOYMENTS_JOINS_MIGRATION],
};
