import { Decider } from '@ledger/contracts';
import { decideCompleteLoad } from './completing-load/complete-load.decide';
import { decideLoadVersion } from './loading-version/load-version.decide';
import { decideScaleVersion } from './scaling-version/scale-version.decide';
import { decideSetTraffic } from './setting-traffic/set-traffic.decide';
import { decideUnloadVersion } from './unloading-version/unload-version.decide';
import {
  evolveServedModel,
  initialServedModelState,
  ServedModelCommand,
  ServedModelEvent,
  ServedModelState,
} from './served-model';

/** What is served of one model in one environment: its loaded versions and its routing table. */
export const servedModelDecider: Decider<ServedModelCommand, ServedModelEvent, ServedModelState> = {
  initialState: initialServedModelState,
  decide: (command, state) => {
    switch (command.type) {
      case 'LoadModelVersion':
        return decideLoadVersion(command, state);
      case 'SetTraffic':
        return decideSetTraffic(command, state);
      case 'ScaleModelVersion':
        return decideScaleVersion(command, state);
      case 'UnloadModelVersion':
        return decideUnloadVersion(command, state);
      case 'CompleteServingLoad':
        return decideCompleteLoad(command, state);
    }
  },
  evolve: evolveServedModel,
};
