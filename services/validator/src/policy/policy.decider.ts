import { Decider } from '@ledger/contracts';
import { evolvePolicy, initialPolicyState, PolicyCommand, PolicyEvent, PolicyState } from './policy';
import { decideSetPolicy } from './setting-policy/set-policy.decide';

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: initialPolicyState,
  decide: (command, state) => {
    switch (command.type) {
      case 'SetValidationPolicy':
        return decideSetPolicy(command, state);
    }
  },
  evolve: evolvePolicy,
};
