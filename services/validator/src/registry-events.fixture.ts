// Registry events as the registry publishes them, for the validator's specs.
import { Envelope } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';

/** VersionCreated of `version` on the model's stream, as it arrives on ml.registry.events. */
export const versionCreated = (modelId: string, version: number, overrides: Partial<Envelope> = {}): Envelope => ({
  id: newId(),
  type: 'VersionCreated',
  schemaVersion: 1,
  source: 'registry',
  streamId: `model-${modelId}`,
  streamVersion: version + 1,
  occurredAt: new Date(Date.UTC(2026, 10, 22, 12, 0, version)).toISOString(),
  actor: { id: 'ci', kind: 'service' },
  correlationId: newId(),
  causationId: null,
  data: {
    modelId,
    name: 'churn',
    version,
    source: `s3://models/churn/${version}`,
    runId: `run-${version}`,
    description: '',
    tags: {},
    metrics: {},
  },
  ...overrides,
});
