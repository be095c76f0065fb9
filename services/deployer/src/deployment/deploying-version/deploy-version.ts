import { CommandMetadata, DeployModelVersionInput } from '@ledger/contracts';
import type { DeployerContext } from '../../deployer.context';
import type { RequestRollout, RolloutHandled } from '../../rollout/rollout-inputs';
import { commandIdOf, resolveTarget, servableVersion } from '../resolving-target/resolve-target';

/**
 * Asks the rollout workflow for a rollout of a known version with an artifact, with the
 * strategy and replicas asked for or, absent, the environment's policy.
 */
export async function deployVersion(
  context: DeployerContext,
  input: DeployModelVersionInput,
  metadata: CommandMetadata,
): Promise<RolloutHandled> {
  const { environment } = await resolveTarget(context, input, 'deploy', metadata);
  const facts = await servableVersion(context, input.name, input.version);
  const commandId = commandIdOf(metadata);
  const request: RequestRollout = {
    type: 'RequestRollout',
    data: {
      name: input.name,
      environment: input.environment,
      version: input.version,
      artifactSha256: facts.artifact.sha256,
      signature: facts.signature,
      strategy: input.strategy ?? environment.policy.strategy,
      replicas: input.replicas ?? environment.policy.replicas,
      trigger: { kind: 'manual', causedBy: commandId },
      reason: input.reason ?? null,
    },
    metadata: { ...metadata, commandId },
  };
  return context.rollouts.handle(request);
}
