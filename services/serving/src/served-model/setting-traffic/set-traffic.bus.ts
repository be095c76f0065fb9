import { SetTraffic } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { ServingContext } from '../../serving.context';
import { setTraffic } from './set-traffic';

/** SetTraffic from ml.serving.commands; a route to a version not ready goes to the DLQ. */
export const setTrafficOnBus = busCommand<ServingContext, typeof SetTraffic.schema>(SetTraffic, setTraffic);
