import { MessageCatalog } from '../catalog';
import { LoadModelVersion, ScaleModelVersion, SetTraffic, UnloadModelVersion } from './serving-commands';
import {
  ServingTrafficCleared,
  ServingTrafficSet,
  ServingVersionLoadFailed,
  ServingVersionLoadRequested,
  ServingVersionReady,
  ServingVersionScaled,
  ServingVersionUnloaded,
} from './serving-events';

export * from './serving-commands';
export * from './serving-events';

export const servingCommands = new MessageCatalog([
  LoadModelVersion,
  SetTraffic,
  ScaleModelVersion,
  UnloadModelVersion,
]);
export const servingEvents = new MessageCatalog([
  ServingVersionLoadRequested,
  ServingVersionReady,
  ServingVersionLoadFailed,
  ServingTrafficSet,
  ServingTrafficCleared,
  ServingVersionScaled,
  ServingVersionUnloaded,
]);
