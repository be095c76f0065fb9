import { Feature } from '@ledger/platform';
import type { DeployerContext } from './deployer.context';

/**
 * The deployer's edges and read models: environments and their policies, the registry knowledge
 * and triggers, deploy/promote/abort/rollback/scale/undeploy over HTTP and the bus, and the
 * deployment read models. The rollout workflow (rollout/) is wired by deployer.service.ts.
 */
export const edgeFeatures: Feature<DeployerContext>[] = [];
