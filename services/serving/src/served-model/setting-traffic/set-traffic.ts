import { CommandMetadata, SetTrafficInput } from '@ledger/contracts';
import type { ServingContext } from '../../serving.context';
import { SetTraffic } from '../served-model';
import { ServedModelView } from '../served-model.view';
import { runServingCommand } from '../serving-command';

/** Replaces the routing table over ready versions; the worker hands it to the runtime. */
export const setTraffic = (
  context: ServingContext,
  input: SetTrafficInput,
  metadata: CommandMetadata,
): Promise<ServedModelView> => runServingCommand<SetTraffic>(context, 'SetTraffic', input, metadata);
