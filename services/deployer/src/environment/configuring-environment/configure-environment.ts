import { CommandMetadata, ConfigureEnvironmentInput } from '@ledger/contracts';
import type { DeployerContext } from '../../deployer.context';
import { environmentStreamId } from '../environment';
import { EnvironmentView, findEnvironment } from '../getting-environments/environment-policies';
import { requireOperator } from '../protecting/require-operator';

/**
 * Sets an environment's policy. A protected environment's policy is changed only by its
 * approvers (or admins): otherwise anyone could lift the protection and deploy.
 */
export async function configureEnvironment(
  context: Pick<DeployerContext, 'db' | 'access' | 'environments'>,
  input: ConfigureEnvironmentInput,
  metadata: CommandMetadata,
): Promise<EnvironmentView> {
  const current = await findEnvironment(context.db, input.environment);
  if (current) await requireOperator(context.access, metadata, current, 'change the policy');
  await context.environments.handle(environmentStreamId(input.environment), {
    type: 'ConfigureEnvironment',
    data: input,
    metadata,
  });
  return (await findEnvironment(context.db, input.environment)) as EnvironmentView;
}
