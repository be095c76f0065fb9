import { isDeepStrictEqual } from 'node:util';
import { PolicyEvent, PolicyState, SetPolicy } from '../policy';

/**
 * A new policy version, numbered after the current one. Setting the checks already in force
 * records nothing: the version a run names stays the one whose checks it ran.
 */
export function decideSetPolicy(command: SetPolicy, state: PolicyState): PolicyEvent[] {
  const { name, checks, format } = command.data;
  if (state.checks !== null && isDeepStrictEqual(state.checks, checks)) return [];
  return [{ type: 'ValidationPolicySet', data: { name, policyVersion: state.version + 1, checks, format } }];
}
