import { CommandMetadata, UnloadModelVersionInput } from '@ledger/contracts';
import type { ServingContext } from '../../serving.context';
import { UnloadVersion } from '../served-model';
import { ServedModelView } from '../served-model.view';
import { runServingCommand } from '../serving-command';

/** Unloads a version no route names; the worker stops its replicas. */
export const unloadVersion = (
  context: ServingContext,
  input: UnloadModelVersionInput,
  metadata: CommandMetadata,
): Promise<ServedModelView> => runServingCommand<UnloadVersion>(context, 'UnloadModelVersion', input, metadata);
