import { CheckException } from '@ledger/testing';
import { REGISTRY_CONTRACT_EXCEPTIONS } from '../../services/registry/src/mlflow/openapi/contract-exceptions';

/** The same cases on every run: a fixed seed, and enough examples per operation to find drift. */
export const CONTRACT_RUN = { seed: 20261204, maxExamples: 30 };

/**
 * Per service, the checks set differently for single operations, each with its reason. A service
 * not named here gets every check on every operation.
 */
export const CONTRACT_EXCEPTIONS: Record<string, CheckException[]> = {
  registry: REGISTRY_CONTRACT_EXCEPTIONS,
  identity: [
    {
      operation: 'POST /api/v1/principals',
      check: 'positive_data_acceptance',
      expectedStatuses: ['2xx', '400', '401', '403', '404', '409'],
      reason:
        'a taken principal name is 400 RESOURCE_ALREADY_EXISTS, as on every API of the platform (one status table)',
    },
  ],
};
