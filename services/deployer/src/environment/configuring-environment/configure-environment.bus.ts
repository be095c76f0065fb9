import { ConfigureEnvironment } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { DeployerContext } from '../../deployer.context';
import { configureEnvironment } from './configure-environment';

/** ConfigureEnvironment from ml.deployer.commands. */
export const configureEnvironmentOnBus = busCommand<DeployerContext, typeof ConfigureEnvironment.schema>(
  ConfigureEnvironment,
  (context, data, metadata) => configureEnvironment(context, data, metadata),
);
