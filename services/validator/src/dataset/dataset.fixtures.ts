// Test fixtures shared by the decide specs of the dataset aggregate (not shipped code paths).
import { CommandMetadata } from '@ledger/contracts';
import type { DatasetCommandOf, DatasetEventOf, RegisterDatasetData } from './dataset';

export const NOW = '2026-03-03T14:00:00.000Z';
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export const metadata = (): CommandMetadata => ({
  now: NOW,
  newId: '0190a6f0-0000-7000-8000-0000000000d1',
  actor: { id: 'alice', kind: 'user' },
  correlationId: 'corr-1',
  causationId: null,
});

/** What an upload of holdout "churn-2026-03" measured, unless overridden. */
export const upload = (overrides: Partial<RegisterDatasetData> = {}): RegisterDatasetData => ({
  name: 'churn-2026-03',
  sha256: SHA_A,
  format: 'csv',
  sizeBytes: 1234,
  rowCount: 3,
  columns: [
    { name: 'tenure', type: 'BIGINT', nullCount: 0 },
    { name: 'plan', type: 'VARCHAR', nullCount: 1 },
  ],
  ...overrides,
});

export const register = (overrides: Partial<RegisterDatasetData> = {}): DatasetCommandOf<'RegisterDataset'> => ({
  type: 'RegisterDataset',
  data: upload(overrides),
  metadata: metadata(),
});

export const registered = (
  version: number,
  overrides: Partial<RegisterDatasetData> = {},
): DatasetEventOf<'DatasetRegistered'> => ({
  type: 'DatasetRegistered',
  data: { ...upload(overrides), version },
});
