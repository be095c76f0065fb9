import { TrafficTable } from '@ledger/contracts';
import { ServedModelState, ServedVersion } from './served-model';

/** What a command's caller is answered: the model's desired state in the environment after it. */
export interface ServedModelView {
  name: string;
  environment: string;
  versions: ServedVersion[];
  traffic: TrafficTable | null;
}

export const servedModelView = (
  target: { name: string; environment: string },
  state: ServedModelState,
): ServedModelView => ({
  name: target.name,
  environment: target.environment,
  versions: Object.values(state.versions).sort((a, b) => a.version - b.version),
  traffic: state.traffic,
});
