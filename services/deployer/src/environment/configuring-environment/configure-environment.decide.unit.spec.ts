import { EnvironmentPolicySchema } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { ConfigureEnvironmentCommand, EnvironmentEvent } from '../environment';
import { environmentDecider } from '../environment.decider';

const policy = (replicas: number) =>
  EnvironmentPolicySchema.parse({ trigger: { kind: 'alias', alias: 'champion' }, replicas });
const configure = (replicas: number): ConfigureEnvironmentCommand => ({
  type: 'ConfigureEnvironment',
  data: { environment: 'production', policy: policy(replicas) },
  metadata: {
    now: '2026-12-04T12:00:00.000Z',
    newId: 'id-1',
    actor: { id: 'ops', kind: 'user' },
    correlationId: 'c',
    causationId: null,
  },
});
const configured = (policyVersion: number, replicas: number): EnvironmentEvent => ({
  type: 'EnvironmentConfigured',
  data: { environment: 'production', policyVersion, policy: policy(replicas) },
});

describe('configuring an environment', () => {
  it('given none, when a policy is set, then it is policy version 1', () => {
    given(environmentDecider)
      .when(configure(2))
      .then([configured(1, 2)]);
  });

  it('given policy version 2, when another policy is set, then it is version 3', () => {
    given(environmentDecider, [configured(1, 1), configured(2, 2)])
      .when(configure(3))
      .then([configured(3, 3)]);
  });

  it('given a policy in force, when the same policy is set again, then nothing is recorded', () => {
    given(environmentDecider, [configured(1, 2)])
      .when(configure(2))
      .thenNothing();
  });
});
