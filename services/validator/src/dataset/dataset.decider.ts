import { Decider } from '@ledger/contracts';
import { DatasetCommand, DatasetEvent, DatasetState, evolveDataset, initialDatasetState } from './dataset';
import { decideRegisterDataset } from './registering-dataset/register-dataset.decide';

/** Dispatch only: every rule lives in its slice's decide function. */
export function decideDataset(command: DatasetCommand, state: DatasetState): DatasetEvent[] {
  switch (command.type) {
    case 'RegisterDataset':
      return decideRegisterDataset(command, state);
  }
}

export const datasetDecider: Decider<DatasetCommand, DatasetEvent, DatasetState> = {
  initialState: initialDatasetState,
  decide: decideDataset,
  evolve: evolveDataset,
};
