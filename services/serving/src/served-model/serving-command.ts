import { CommandMetadata, REPLICAS_MAX, ValidationError } from '@ledger/contracts';
import type { ServingContext } from '../serving.context';
import { servedModelStreamId, ServedModelCommand } from './served-model';
import { servedModelView, ServedModelView } from './served-model.view';

/** Runs one command on its model's stream (HTTP and bus alike) and answers the model as it now is. */
export async function runServingCommand<C extends ServedModelCommand>(
  context: ServingContext,
  type: C['type'],
  data: C['data'],
  metadata: CommandMetadata,
): Promise<ServedModelView> {
  const streamId = servedModelStreamId(data.environment, data.name);
  const handled = await context.control.servedModels.handle(streamId, { type, data, metadata } as C);
  return servedModelView(data, handled.state);
}

/** This server's own ceiling, below the contract's: refused at the edge, before anything is recorded. */
export function requireReplicasWithin(context: ServingContext, replicas: number): void {
  const max = Math.min(context.control.maxReplicas, REPLICAS_MAX);
  if (replicas > max) throw new ValidationError(`replicas: must be at most ${max} on this server`);
}
