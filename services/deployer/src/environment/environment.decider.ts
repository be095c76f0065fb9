import { Decider } from '@ledger/contracts';
import {
  EnvironmentCommand,
  EnvironmentEvent,
  EnvironmentState,
  evolveEnvironment,
  initialEnvironmentState,
} from './environment';
import { decideConfigureEnvironment } from './configuring-environment/configure-environment.decide';

export const environmentDecider: Decider<EnvironmentCommand, EnvironmentEvent, EnvironmentState> = {
  initialState: initialEnvironmentState,
  decide: (command, state) => {
    switch (command.type) {
      case 'ConfigureEnvironment':
        return decideConfigureEnvironment(command, state);
    }
  },
  evolve: evolveEnvironment,
};
