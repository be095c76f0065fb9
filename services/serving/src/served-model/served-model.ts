import {
  Command,
  DomainEvent,
  LoadModelVersionInput,
  ScaleModelVersionInput,
  ServingTrafficClearedData,
  ServingTrafficSetData,
  ServingVersionLoadFailedData,
  ServingVersionLoadRequestedData,
  ServingVersionReadyData,
  ServingVersionScaledData,
  ServingVersionUnloadedData,
  SetTrafficInput,
  Signature,
  TrafficTable,
  UnloadModelVersionInput,
} from '@ledger/contracts';

/**
 * One stream per model and environment: the versions loaded there and the routing table over
 * them. The environment comes first and cannot contain ':', so two pairs never share a stream.
 */
export const servedModelStreamId = (environment: string, name: string): string => `served-model:${environment}:${name}`;

/** What the runtime answered to one load request: the worker turns it into Ready or LoadFailed. */
export type LoadOutcome = { ok: true; loadedInMs: number } | { ok: false; reason: string };

export type LoadVersion = Command<'LoadModelVersion', LoadModelVersionInput>;
export type SetTraffic = Command<'SetTraffic', SetTrafficInput>;
export type ScaleVersion = Command<'ScaleModelVersion', ScaleModelVersionInput>;
export type UnloadVersion = Command<'UnloadModelVersion', UnloadModelVersionInput>;
/** Serving's own: records what the runtime did with the load request `loadCommandId`. */
export type CompleteLoad = Command<
  'CompleteServingLoad',
  { name: string; environment: string; version: number; loadCommandId: string; outcome: LoadOutcome }
>;
export type ServedModelCommand = LoadVersion | SetTraffic | ScaleVersion | UnloadVersion | CompleteLoad;

export type ServedModelEvent =
  | DomainEvent<'ServingVersionLoadRequested', ServingVersionLoadRequestedData>
  | DomainEvent<'ServingVersionReady', ServingVersionReadyData>
  | DomainEvent<'ServingVersionLoadFailed', ServingVersionLoadFailedData>
  | DomainEvent<'ServingTrafficSet', ServingTrafficSetData>
  | DomainEvent<'ServingTrafficCleared', ServingTrafficClearedData>
  | DomainEvent<'ServingVersionScaled', ServingVersionScaledData>
  | DomainEvent<'ServingVersionUnloaded', ServingVersionUnloadedData>;

/** loading: requested, no outcome yet; ready: every replica warmed up; failed: holds nothing. */
export type VersionStatus = 'loading' | 'ready' | 'failed';

export interface ServedVersion {
  version: number;
  artifactSha256: string;
  /** The replicas wanted (a scale while loading applies once the load is done). */
  replicas: number;
  signature: Signature | null;
  status: VersionStatus;
  /** The LoadModelVersion this version's current status answers. */
  loadCommandId: string;
  reason: string | null;
}

/** Plain JSON (the desired-state table stores it as is): versions keyed by their number. */
export interface ServedModelState {
  versions: Record<string, ServedVersion>;
  traffic: TrafficTable | null;
}

export const initialServedModelState = (): ServedModelState => ({ versions: {}, traffic: null });

export const versionOf = (state: ServedModelState, version: number): ServedVersion | undefined =>
  state.versions[String(version)];

const withVersion = (state: ServedModelState, version: number, change: Partial<ServedVersion>): ServedModelState => {
  const current = versionOf(state, version);
  return current ? { ...state, versions: { ...state.versions, [version]: { ...current, ...change } } } : state;
};

export function evolveServedModel(state: ServedModelState, event: ServedModelEvent): ServedModelState {
  switch (event.type) {
    case 'ServingVersionLoadRequested': {
      const { version, artifactSha256, replicas, signature, loadCommandId } = event.data;
      const loading: ServedVersion = {
        version,
        artifactSha256,
        replicas,
        signature,
        status: 'loading',
        loadCommandId,
        reason: null,
      };
      return { ...state, versions: { ...state.versions, [version]: loading } };
    }
    case 'ServingVersionReady':
      return withVersion(state, event.data.version, { status: 'ready', loadCommandId: event.data.loadCommandId });
    case 'ServingVersionLoadFailed':
      return withVersion(state, event.data.version, { status: 'failed', reason: event.data.reason });
    case 'ServingTrafficSet':
      return { ...state, traffic: event.data.traffic };
    case 'ServingTrafficCleared':
      return { ...state, traffic: null };
    case 'ServingVersionScaled':
      return withVersion(state, event.data.version, { replicas: event.data.replicas });
    case 'ServingVersionUnloaded': {
      const versions = { ...state.versions };
      delete versions[String(event.data.version)];
      return { ...state, versions };
    }
  }
}

/** "version 3 of churn in production", as refusals name it. */
export const describeVersion = (target: { name: string; environment: string; version: number }): string =>
  `version ${target.version} of ${target.name} in ${target.environment}`;
