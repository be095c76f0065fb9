// Test fixtures shared by the decide specs of this aggregate (not shipped code paths).
import { CommandMetadata, Signature } from '@ledger/contracts';
import { ModelEvent, ModelEventOf, VersionCreatedEvent } from './model';
import type { ModelCommand, ModelCommandOf } from './model';

export const MODEL_ID = '0190a6f0-0000-7000-8000-000000000001';
const REF = { modelId: MODEL_ID, name: 'churn' };

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: '2025-03-03T14:00:00.000Z',
  newId: MODEL_ID,
  actor: { id: 'alice', kind: 'user' },
  correlationId: 'corr-1',
  causationId: null,
  ...overrides,
});

export const createModel = (
  data: ModelCommandOf<'CreateRegisteredModel'>['data'] = { name: 'churn' },
): ModelCommandOf<'CreateRegisteredModel'> => ({
  type: 'CreateRegisteredModel',
  data,
  metadata: metadata(),
});

export const registerVersion = (
  data: Partial<ModelCommandOf<'RegisterModelVersion'>['data']> = {},
): ModelCommandOf<'RegisterModelVersion'> => ({
  type: 'RegisterModelVersion',
  data: { name: 'churn', ...data },
  metadata: metadata({ newId: '0190a6f0-0000-7000-8000-0000000000ff' }),
});

/** Any other command of the aggregate, addressed to the model "churn". */
export function command<T extends ModelCommand['type']>(
  type: T,
  data: Omit<Extract<ModelCommand, { type: T }>['data'], 'name'> & { name?: string },
): Extract<ModelCommand, { type: T }> {
  return { type, data: { name: 'churn', ...data }, metadata: metadata() } as unknown as Extract<
    ModelCommand,
    { type: T }
  >;
}

/** Any event of the model "churn", with its modelId and name filled in. */
export function event<T extends ModelEvent['type']>(
  type: T,
  data: Omit<ModelEventOf<T>['data'], 'modelId' | 'name'>,
): ModelEventOf<T> {
  return { type, data: { ...REF, ...data } } as unknown as ModelEventOf<T>;
}

export const modelCreated = (
  name = 'churn',
  tags: Record<string, string> = {},
): ModelEventOf<'RegisteredModelCreated'> => ({
  type: 'RegisteredModelCreated',
  data: { modelId: MODEL_ID, name, description: '', tags },
});

export const versionCreated = (
  version: number,
  extra: Partial<VersionCreatedEvent['data']> = {},
): VersionCreatedEvent => ({
  type: 'VersionCreated',
  data: {
    ...REF,
    version,
    source: '',
    runId: '',
    runLink: '',
    description: '',
    tags: {},
    metrics: {},
    params: {},
    signature: null,
    framework: '',
    artifact: null,
    storageLocation: '',
    loggedModelId: '',
    semver: { label: `1.0.${version - 1}`, reason: 'fixture' },
    label: '',
    inputExample: null,
    ...extra,
  },
});

export const signature = (...inputs: [string, string, number[]?][]): Signature => ({
  inputs: inputs.map(([name, type, shape]) => (shape ? { name, type, shape } : { name, type })),
  outputs: [{ name: 'score', type: 'float32' }],
});
