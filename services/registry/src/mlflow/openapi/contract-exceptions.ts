// Where MLflow's own REST contract makes the registry answer what a generic check does not expect.
// Each exception names one operation and one check, and says why; the document says the same.
// (Read by the contract test, tools/contract; no production code uses it.)
import type { CheckException } from '@ledger/testing';

export const REGISTRY_CONTRACT_EXCEPTIONS: CheckException[] = [];
