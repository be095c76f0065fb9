import { ScaleModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { ServingContext } from '../../serving.context';
import { scaleVersion } from './scale-version';

/** ScaleModelVersion from ml.serving.commands; an unknown version goes to the DLQ. */
export const scaleVersionOnBus = busCommand<ServingContext, typeof ScaleModelVersion.schema>(
  ScaleModelVersion,
  scaleVersion,
);
