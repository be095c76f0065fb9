import { Feature } from '@ledger/platform';
import type { DeployerContext } from '../deployer.context';
import { configureEnvironmentOnBus } from './configuring-environment/configure-environment.bus';
import { ConfigureEnvironmentHttp } from './configuring-environment/configure-environment.http';
import { EnvironmentsHttp } from './getting-environments/environments.http';
import { ENVIRONMENTS_MIGRATION, environmentsProjection } from './getting-environments/environments.projection';

/** Environments and their policies: configure (HTTP or bus), read with their defaults. */
export const environmentFeature: Feature<DeployerContext> = {
  name: 'environment',
  http: [ConfigureEnvironmentHttp, EnvironmentsHttp],
  bus: [configureEnvironmentOnBus],
  inline: [environmentsProjection],
  migrations: [ENVIRONMENTS_MIGRATION],
};
