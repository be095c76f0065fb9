import { DeployModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { DeployerContext } from '../../deployer.context';
import { deployVersion } from './deploy-version';

/** DeployModelVersion from ml.deployer.commands; an unknown version or one without an artifact goes to the DLQ. */
export const deployVersionOnBus = busCommand<DeployerContext, typeof DeployModelVersion.schema>(
  DeployModelVersion,
  deployVersion,
);
