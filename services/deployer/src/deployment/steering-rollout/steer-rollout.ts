import {
  AbortDeploymentInput,
  CommandMetadata,
  PromoteDeploymentInput,
  RollbackDeploymentInput,
  ScaleDeploymentInput,
  UndeployInput,
} from '@ledger/contracts';
import type { DeployerContext } from '../../deployer.context';
import type { RolloutControl, RolloutHandled } from '../../rollout/rollout-inputs';
import { commandIdOf, resolveTarget, servableVersion } from '../resolving-target/resolve-target';

type Steering = Exclude<RolloutControl, { type: 'RequestRollout' }>;

/** Checks the target and the actor, then hands the workflow its input with a deterministic commandId. */
async function steer<T extends Steering>(
  context: DeployerContext,
  action: string,
  type: T['type'],
  data: T['data'],
  metadata: CommandMetadata,
): Promise<RolloutHandled> {
  await resolveTarget(context, data, action, metadata);
  return context.rollouts.handle({ type, data, metadata: { ...metadata, commandId: commandIdOf(metadata) } } as T);
}

const target = (input: { name: string; environment: string }) => ({ name: input.name, environment: input.environment });

export const promoteRollout = (context: DeployerContext, input: PromoteDeploymentInput, metadata: CommandMetadata) =>
  steer(context, 'promote', 'PromoteRollout', { ...target(input), full: input.full ?? false }, metadata);

export const abortRollout = (context: DeployerContext, input: AbortDeploymentInput, metadata: CommandMetadata) =>
  steer(context, 'abort', 'AbortRollout', { ...target(input), reason: input.reason ?? null }, metadata);

/** Rolling back to a named version needs it servable (known, with an artifact) like a deploy. */
export async function rollBack(context: DeployerContext, input: RollbackDeploymentInput, metadata: CommandMetadata) {
  if (input.toVersion !== undefined) await servableVersion(context, input.name, input.toVersion);
  const data = { ...target(input), toVersion: input.toVersion ?? null, reason: input.reason ?? null };
  return steer(context, 'roll back', 'RollBack', data, metadata);
}

export const scaleServing = (context: DeployerContext, input: ScaleDeploymentInput, metadata: CommandMetadata) =>
  steer(context, 'scale', 'ScaleServing', { ...target(input), replicas: input.replicas }, metadata);

export const undeployModel = (context: DeployerContext, input: UndeployInput, metadata: CommandMetadata) =>
  steer(context, 'undeploy', 'UndeployModel', { ...target(input), reason: input.reason ?? null }, metadata);
