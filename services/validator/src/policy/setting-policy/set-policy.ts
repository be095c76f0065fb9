import { CommandMetadata, PolicyCheck } from '@ledger/contracts';
import { ValidatorContext } from '../../validator.context';
import { PolicyFormat, policyStreamId } from '../policy';
import { policyAt, PolicyVersionView } from '../policy-versions';
import { requireKnownDatasets } from './known-datasets';

/**
 * Sets a model's policy once every check it names can be evaluated here: a kind without an
 * evaluator, or a dataset nobody registered, is refused now (400), not discovered by a run. Answers with the policy in force.
 */
export async function setPolicy(
  context: ValidatorContext,
  input: { name: string; checks: PolicyCheck[]; format: PolicyFormat },
  metadata: CommandMetadata,
): Promise<PolicyVersionView> {
  context.evaluators.requireAvailable(input.checks);
  await requireKnownDatasets(context.db, input.checks);
  await context.policies.handle(policyStreamId(input.name), { type: 'SetValidationPolicy', data: input, metadata });
  return policyAt(context.db, input.name);
}
