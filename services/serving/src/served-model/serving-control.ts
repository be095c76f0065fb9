import { DataSource } from 'typeorm';
import { servingEvents } from '@ledger/contracts';
import { CommandHandler, MetadataSource, Projection } from '@ledger/eventstore';
import type { ServingRuntime } from '../runtime/serving-runtime';
import { RuntimeReconciler } from './reconciling-runtime/runtime-reconciler';
import { ServedModelCommand, ServedModelEvent, ServedModelState } from './served-model';
import { servedModelDecider } from './served-model.decider';

export type ServedModels = CommandHandler<ServedModelCommand, ServedModelEvent, ServedModelState>;

/** The control plane's part of serving's context: its command handler, its limits, its runtime driver. */
export interface ServingControl {
  servedModels: ServedModels;
  /** The most replicas one version may have on this server (at most REPLICAS_MAX). */
  maxReplicas: number;
  reconciler: RuntimeReconciler;
}

export interface ServingControlSettings {
  maxReplicas: number;
  commands: { maxInFlight?: number; maxBatch?: number; maxWaiting?: number };
  databaseUrl?: string;
  pollMs?: number;
}

export const DEFAULT_MAX_REPLICAS = 8;

export function createServingControl(
  db: DataSource,
  metadata: MetadataSource,
  runtime: ServingRuntime,
  inline: Projection[],
  settings: ServingControlSettings,
): ServingControl {
  const servedModels: ServedModels = new CommandHandler(db, {
    decider: servedModelDecider,
    source: 'serving',
    catalog: servingEvents,
    newEventId: metadata.newId,
    inline,
    ...settings.commands,
  });
  const reconciler = new RuntimeReconciler({
    db,
    runtime,
    servedModels,
    metadata,
    databaseUrl: settings.databaseUrl,
    pollMs: settings.pollMs,
  });
  return { maxReplicas: settings.maxReplicas, servedModels, reconciler };
}
