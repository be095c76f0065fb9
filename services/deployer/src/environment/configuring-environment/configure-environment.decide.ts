import { isDeepStrictEqual } from 'node:util';
import { ConfigureEnvironmentCommand, EnvironmentEvent, EnvironmentState } from '../environment';

/**
 * A new policy version, numbered after the one in force. Setting the policy already in force
 * records nothing: a rollout that names a policy version keeps naming the policy it ran under.
 */
export function decideConfigureEnvironment(
  command: ConfigureEnvironmentCommand,
  state: EnvironmentState,
): EnvironmentEvent[] {
  const { environment, policy } = command.data;
  if (state.policy !== null && isDeepStrictEqual(state.policy, policy)) return [];
  return [{ type: 'EnvironmentConfigured', data: { environment, policyVersion: state.policyVersion + 1, policy } }];
}
