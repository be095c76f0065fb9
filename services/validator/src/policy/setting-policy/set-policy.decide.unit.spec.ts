import { PolicyChecksSchema } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { PolicyEvent, SetPolicy } from '../policy';
import { policyDecider } from '../policy.decider';

const checks = (threshold: number) =>
  PolicyChecksSchema.parse([{ kind: 'threshold', metric: 'auc', threshold, greater_is_better: true }]);
const setPolicy = (threshold: number, format: 'json' | 'yaml' = 'json'): SetPolicy => ({
  type: 'SetValidationPolicy',
  data: { name: 'churn', checks: checks(threshold), format },
  metadata: {
    now: '2026-11-22T12:00:00.000Z',
    newId: 'id-1',
    actor: { id: 'ana', kind: 'user' },
    correlationId: 'c',
    causationId: null,
  },
});
const policySet = (policyVersion: number, threshold: number, format: 'json' | 'yaml' = 'json'): PolicyEvent => ({
  type: 'ValidationPolicySet',
  data: { name: 'churn', policyVersion, checks: checks(threshold), format },
});

describe('setting a validation policy', () => {
  it('given none, when one is set, then it is version 1', () => {
    given(policyDecider)
      .when(setPolicy(0.8))
      .then([policySet(1, 0.8)]);
  });

  it('given version 2, when other checks are set, then they are version 3', () => {
    given(policyDecider, [policySet(1, 0.7), policySet(2, 0.8)])
      .when(setPolicy(0.9, 'yaml'))
      .then([policySet(3, 0.9, 'yaml')]);
  });

  it('given checks in force, when the same checks are set again, then nothing is recorded', () => {
    given(policyDecider, [policySet(1, 0.8)])
      .when(setPolicy(0.8, 'yaml'))
      .thenNothing();
  });
});
