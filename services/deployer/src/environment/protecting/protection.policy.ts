import type { EnvironmentPolicy } from '@ledger/contracts';

/** Who acts, as a permission check sees it (the platform's Subject). */
export interface Operator {
  name: string;
  roles: readonly string[];
}

/**
 * Why an operator may not act in an environment, or undefined when it may: a protected
 * environment (W&B's protected aliases, SageMaker's approval, for deployments) takes deploys,
 * promotions, rollbacks, aborts, scaling, undeploys and policy changes only from holders of its
 * approver role, and from admins.
 */
export function refusalOf(
  operator: Operator,
  environment: string,
  policy: Pick<EnvironmentPolicy, 'protection'>,
  action: string,
): string | undefined {
  const role = policy.protection?.approverRole;
  if (role === undefined || operator.roles.includes('admin') || operator.roles.includes(role)) return undefined;
  return `${operator.name} may not ${action} in protected environment "${environment}": that needs the role "${role}"`;
}
