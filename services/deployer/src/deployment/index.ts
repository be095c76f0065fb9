import { Feature } from '@ledger/platform';
import type { DeployerContext } from '../deployer.context';
import { deployVersionOnBus } from './deploying-version/deploy-version.bus';
import { DeployVersionHttp } from './deploying-version/deploy-version.http';
import { steerRolloutOnBus } from './steering-rollout/steer-rollout.bus';
import { SteerRolloutHttp } from './steering-rollout/steer-rollout.http';

/** Deploy, promote, abort, roll back, scale and undeploy, over HTTP and the bus: each handed to the rollout workflow. */
export const deploymentCommandsFeature: Feature<DeployerContext> = {
  name: 'deployment-commands',
  http: [DeployVersionHttp, SteerRolloutHttp],
  bus: [deployVersionOnBus, ...steerRolloutOnBus],
};
