// Test fixtures shared by the decide specs of this aggregate (not shipped code paths).
import { CommandMetadata } from '@ledger/contracts';
import { RegisteredModelCreatedEvent, VersionCreatedEvent } from './model';
import { CreateModel, RegisterVersion } from './model.decider';

export const MODEL_ID = '0190a6f0-0000-7000-8000-000000000001';

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: '2025-03-03T14:00:00.000Z',
  newId: MODEL_ID,
  actor: { id: 'alice', kind: 'user' },
  correlationId: 'corr-1',
  causationId: null,
  ...overrides,
});

export const createModel = (data: CreateModel['data'] = { name: 'churn' }): CreateModel => ({
  type: 'CreateRegisteredModel',
  data,
  metadata: metadata(),
});

export const registerVersion = (data: Partial<RegisterVersion['data']> = {}): RegisterVersion => ({
  type: 'RegisterModelVersion',
  data: { name: 'churn', ...data },
  metadata: metadata({ newId: '0190a6f0-0000-7000-8000-0000000000ff' }),
});

export const modelCreated = (name = 'churn'): RegisteredModelCreatedEvent => ({
  type: 'RegisteredModelCreated',
  data: { modelId: MODEL_ID, name, description: '', tags: {} },
});

export const versionCreated = (version: number): VersionCreatedEvent => ({
  type: 'VersionCreated',
  data: { modelId: MODEL_ID, name: 'churn', version, source: '', runId: '', description: '', tags: {}, metrics: {} },
});
