import { Feature } from '@ledger/platform';
import type { ServingContext } from '../serving.context';
import { SERVED_MODELS_MIGRATION, servedModels } from './getting-serving/served-models.projection';
import { ServingHttp } from './getting-serving/serving.http';
import { loadVersionOnBus } from './loading-version/load-version.bus';
import { LoadVersionHttp } from './loading-version/load-version.http';
import { scaleVersionOnBus } from './scaling-version/scale-version.bus';
import { ScaleVersionHttp } from './scaling-version/scale-version.http';
import { setTrafficOnBus } from './setting-traffic/set-traffic.bus';
import { SetTrafficHttp } from './setting-traffic/set-traffic.http';
import { unloadVersionOnBus } from './unloading-version/unload-version.bus';
import { UnloadVersionHttp } from './unloading-version/unload-version.http';

export { createServingControl, DEFAULT_MAX_REPLICAS } from './serving-control';
export type { ServingControl, ServingControlSettings, ServedModels } from './serving-control';
export { RuntimeReconciler } from './reconciling-runtime/runtime-reconciler';

/** Serving's control plane: what is loaded where, with how many replicas, and how traffic splits. */
export const servedModelFeature: Feature<ServingContext> = {
  name: 'served-model',
  http: [ServingHttp, LoadVersionHttp, ScaleVersionHttp, SetTrafficHttp, UnloadVersionHttp],
  bus: [loadVersionOnBus, setTrafficOnBus, scaleVersionOnBus, unloadVersionOnBus],
  inline: [servedModels],
  migrations: [SERVED_MODELS_MIGRATION],
};
