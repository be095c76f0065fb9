import { Feature } from '@ledger/platform';
import type { DeployerContext } from '../deployer.context';
import { ACTUAL_SERVING_MIGRATION, actualServing } from './observing-serving/actual-serving.projection';
import { DeploymentStatusHttp, ServingStatusHttp } from './reporting-status/serving-status.http';
import { DESIRED_SERVING_MIGRATION, desiredServing } from './tracking-desired/desired-serving.projection';

/** Desired (the deployer's events) and actual (serving's events) serving: the dashboard, traffic, info. */
export const servingStateFeature: Feature<DeployerContext> = {
  name: 'serving-state',
  http: [DeploymentStatusHttp, ServingStatusHttp],
  projections: [desiredServing, actualServing],
  migrations: [DESIRED_SERVING_MIGRATION, ACTUAL_SERVING_MIGRATION],
};
