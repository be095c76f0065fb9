import { LoadModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { ServingContext } from '../../serving.context';
import { loadVersion } from './load-version';

/** LoadModelVersion from ml.serving.commands; its commandId is the loadCommandId its outcome answers. */
export const loadVersionOnBus = busCommand<ServingContext, typeof LoadModelVersion.schema>(
  LoadModelVersion,
  loadVersion,
);
