import { PolicyCheck } from '@ledger/contracts';

/**
 * The policy of a model that never had one set: warnings only, so a team that has not written a
 * policy yet is told what its versions lack without being blocked by it.
 */
export const DEFAULT_POLICY_CHECKS: PolicyCheck[] = [
  {
    id: 'default-metadata',
    kind: 'required_metadata',
    blocking: false,
    tags: [],
    fields: [],
    signature: true,
    artifact: true,
  },
];
