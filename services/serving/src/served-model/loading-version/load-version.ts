import { CommandMetadata, LoadModelVersionInput } from '@ledger/contracts';
import type { ServingContext } from '../../serving.context';
import { LoadVersion } from '../served-model';
import { ServedModelView } from '../served-model.view';
import { requireReplicasWithin, runServingCommand } from '../serving-command';

/** Asks for a version to be loaded; the worker loads it and records Ready or LoadFailed. */
export function loadVersion(
  context: ServingContext,
  input: LoadModelVersionInput,
  metadata: CommandMetadata,
): Promise<ServedModelView> {
  requireReplicasWithin(context, input.replicas);
  return runServingCommand<LoadVersion>(context, 'LoadModelVersion', input, metadata);
}
