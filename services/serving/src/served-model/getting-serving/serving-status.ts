import { TrafficTable } from '@ledger/contracts';
import type { LoadedVersion, ServingRuntime } from '../../runtime/serving-runtime';
import { ServedVersion } from '../served-model';
import { DesiredModel } from './served-models.projection';

export interface ServedVersionStatus extends ServedVersion {
  /** What the runtime holds of it now, or null when nothing (loading, failed, or not yet rebuilt). */
  runtime: Pick<LoadedVersion, 'replicas' | 'ready' | 'restarts'> | null;
}

export interface ServedModelStatus {
  environment: string;
  name: string;
  versions: ServedVersionStatus[];
  /** The routing table wanted (from the log)… */
  traffic: TrafficTable | null;
  /** …and the one the runtime routes by: they differ only while the worker catches up. */
  trafficInForce: TrafficTable | null;
}

const sameVersion = (desired: DesiredModel, version: number) => (loaded: LoadedVersion) =>
  loaded.environment === desired.environment && loaded.name === desired.name && loaded.version === version;

/** Desired (the log's tables) beside actual (the runtime), per model and environment. */
export function servingStatus(desired: DesiredModel[], runtime: ServingRuntime): ServedModelStatus[] {
  const loaded = runtime.loaded();
  return desired.map((model) => ({
    environment: model.environment,
    name: model.name,
    versions: Object.values(model.state.versions)
      .sort((a, b) => a.version - b.version)
      .map((version) => {
        const held = loaded.find(sameVersion(model, version.version));
        return {
          ...version,
          runtime: held ? { replicas: held.replicas, ready: held.ready, restarts: held.restarts } : null,
        };
      }),
    traffic: model.state.traffic,
    trafficInForce: runtime.traffic(model.name, model.environment),
  }));
}
