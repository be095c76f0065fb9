import { UnloadModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { ServingContext } from '../../serving.context';
import { unloadVersion } from './unload-version';

/** UnloadModelVersion from ml.serving.commands; a version still routed to goes to the DLQ. */
export const unloadVersionOnBus = busCommand<ServingContext, typeof UnloadModelVersion.schema>(
  UnloadModelVersion,
  unloadVersion,
);
