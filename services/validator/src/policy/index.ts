import { Feature } from '@ledger/platform';
import type { ValidatorContext } from '../validator.context';
import { GetPolicyHttp } from './getting-policy/get-policy.http';
import { setPolicyOnBus } from './setting-policy/set-policy.bus';
import { SetPolicyHttp } from './setting-policy/set-policy.http';

/** Validation policies per registered model: set (JSON or YAML, HTTP or bus), current and history. */
export const policyFeature: Feature<ValidatorContext> = {
  name: 'policy',
  http: [SetPolicyHttp, GetPolicyHttp],
  bus: [setPolicyOnBus],
};
