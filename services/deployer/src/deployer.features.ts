import { Feature } from '@ledger/platform';
import type { DeployerContext } from './deployer.context';
import { deploymentFeature } from './deployment';
import { environmentFeature } from './environment';
import { servingStateFeature } from './serving-state';
import { triggeringFeature } from './triggering';

/**
 * The deployer's edges and read models: environments and their policies, the registry knowledge
 * and triggers, deploy/promote/abort/rollback/scale/undeploy over HTTP and the bus, and the
 * deployment read models. The rollout workflow (rollout/) is wired by deployer.service.ts.
 * The status dashboard's controller comes before the deployments', so /deployments/status is not an id.
 */
export const edgeFeatures: Feature<DeployerContext>[] = [
  environmentFeature,
  servingStateFeature,
  deploymentFeature,
  triggeringFeature,
];
