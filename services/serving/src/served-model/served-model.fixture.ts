// Commands and events of one served model (churn in production), for the deciders' specifications.
import { CommandMetadata, TrafficTable } from '@ledger/contracts';
import { LoadOutcome, ServedModelCommand, ServedModelEvent } from './served-model';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);
const at = { name: 'churn', environment: 'production' };

const metadata = (commandId?: string): CommandMetadata => ({
  now: '2026-11-22T12:00:00.000Z',
  newId: 'new-id',
  actor: { id: 'deployer', kind: 'service' },
  correlationId: 'flow-1',
  causationId: null,
  ...(commandId ? { commandId } : {}),
});

export const command = {
  load: (
    version: number,
    options: { sha?: string; replicas?: number; commandId?: string } = {},
  ): ServedModelCommand => ({
    type: 'LoadModelVersion',
    data: { ...at, version, artifactSha256: options.sha ?? SHA_A, replicas: options.replicas ?? 1 },
    metadata: metadata(options.commandId ?? `load-${version}`),
  }),
  setTraffic: (traffic: TrafficTable): ServedModelCommand => ({
    type: 'SetTraffic',
    data: { ...at, traffic },
    metadata: metadata(),
  }),
  scale: (version: number, replicas: number): ServedModelCommand => ({
    type: 'ScaleModelVersion',
    data: { ...at, version, replicas },
    metadata: metadata(),
  }),
  unload: (version: number): ServedModelCommand => ({
    type: 'UnloadModelVersion',
    data: { ...at, version },
    metadata: metadata(),
  }),
  complete: (version: number, outcome: LoadOutcome, loadCommandId = `load-${version}`): ServedModelCommand => ({
    type: 'CompleteServingLoad',
    data: { ...at, version, loadCommandId, outcome },
    metadata: metadata(`outcome:${loadCommandId}`),
  }),
};

export const event = {
  requested: (
    version: number,
    options: { sha?: string; replicas?: number; loadCommandId?: string } = {},
  ): ServedModelEvent => ({
    type: 'ServingVersionLoadRequested',
    data: {
      ...at,
      version,
      loadCommandId: options.loadCommandId ?? `load-${version}`,
      artifactSha256: options.sha ?? SHA_A,
      replicas: options.replicas ?? 1,
      signature: null,
    },
  }),
  ready: (version: number, replicas = 1, loadCommandId = `load-${version}`, loadedInMs = 12): ServedModelEvent => ({
    type: 'ServingVersionReady',
    data: { ...at, version, loadCommandId, replicas, loadedInMs },
  }),
  failed: (
    version: number,
    reason = 'no blob with that digest',
    loadCommandId = `load-${version}`,
  ): ServedModelEvent => ({
    type: 'ServingVersionLoadFailed',
    data: { ...at, version, loadCommandId, reason },
  }),
  trafficSet: (traffic: TrafficTable): ServedModelEvent => ({ type: 'ServingTrafficSet', data: { ...at, traffic } }),
  scaled: (version: number, replicas: number, previousReplicas: number): ServedModelEvent => ({
    type: 'ServingVersionScaled',
    data: { ...at, version, replicas, previousReplicas },
  }),
  unloaded: (version: number): ServedModelEvent => ({ type: 'ServingVersionUnloaded', data: { ...at, version } }),
};

/** Versions 1 and 2 ready; version 1 takes every request. */
export const twoReadyOneRouted = (): ServedModelEvent[] => [
  event.requested(1),
  event.ready(1),
  event.requested(2),
  event.ready(2),
  event.trafficSet({ routes: [{ version: 1, weight: 100 }] }),
];
