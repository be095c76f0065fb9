import { Command, DomainEvent, PolicyCheck, ValidationPolicySetData } from '@ledger/contracts';

/** One policy stream per registered model, by the model's name. */
export const policyStreamId = (name: string): string => `validation-policy-${name}`;

export type PolicyFormat = 'json' | 'yaml';

export type SetPolicy = Command<'SetValidationPolicy', { name: string; checks: PolicyCheck[]; format: PolicyFormat }>;
export type PolicyCommand = SetPolicy;

export type PolicyEvent = DomainEvent<'ValidationPolicySet', ValidationPolicySetData>;

/** The model's current policy; version 0 until one is set (the default applies then). */
export interface PolicyState {
  version: number;
  checks: PolicyCheck[] | null;
}

export const initialPolicyState = (): PolicyState => ({ version: 0, checks: null });

export function evolvePolicy(state: PolicyState, event: PolicyEvent): PolicyState {
  switch (event.type) {
    case 'ValidationPolicySet':
      return { version: event.data.policyVersion, checks: event.data.checks as PolicyCheck[] };
  }
}
