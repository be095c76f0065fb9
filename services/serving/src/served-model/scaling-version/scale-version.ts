import { CommandMetadata, ScaleModelVersionInput } from '@ledger/contracts';
import type { ServingContext } from '../../serving.context';
import { ScaleVersion } from '../served-model';
import { ServedModelView } from '../served-model.view';
import { requireReplicasWithin, runServingCommand } from '../serving-command';

/** Changes a loaded version's replicas; the worker scales the runtime without dropping requests. */
export function scaleVersion(
  context: ServingContext,
  input: ScaleModelVersionInput,
  metadata: CommandMetadata,
): Promise<ServedModelView> {
  requireReplicasWithin(context, input.replicas);
  return runServingCommand<ScaleVersion>(context, 'ScaleModelVersion', input, metadata);
}
