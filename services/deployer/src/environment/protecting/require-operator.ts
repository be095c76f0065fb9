import { CommandMetadata, EnvironmentPolicy, ForbiddenError } from '@ledger/contracts';
import type { AccessControl } from '@ledger/platform';
import { refusalOf } from './protection.policy';

/**
 * Refuses (403 PERMISSION_DENIED over HTTP, the DLQ on the bus; both recorded in the security
 * log by the edge) an actor that may not act in a protected environment. Authentication off:
 * nobody is checked.
 */
export async function requireOperator(
  access: AccessControl,
  metadata: CommandMetadata,
  target: { environment: string; policy: Pick<EnvironmentPolicy, 'protection'> },
  action: string,
): Promise<void> {
  if (!target.policy.protection) return;
  const subject = await access.subjectOf(metadata);
  if (!subject) return;
  const refusal = refusalOf(subject, target.environment, target.policy, action);
  if (refusal) throw new ForbiddenError(refusal, { environment: target.environment });
}
