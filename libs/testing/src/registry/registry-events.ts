// Registry events as the registry publishes them, for the specs of the services that consume them.
import { Envelope } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';

/** Any registry event on the model's stream, as it arrives on ml.registry.events. */
export const registryEvent = (
  type: string,
  modelId: string,
  streamVersion: number,
  data: Record<string, unknown>,
  overrides: Partial<Envelope> = {},
): Envelope => ({
  id: newId(),
  type,
  schemaVersion: 1,
  source: 'registry',
  streamId: `model-${modelId}`,
  streamVersion,
  occurredAt: new Date(Date.UTC(2026, 10, 22, 12, 0, streamVersion)).toISOString(),
  actor: { id: 'ci', kind: 'service' },
  correlationId: newId(),
  causationId: null,
  data: { modelId, name: 'churn', ...data },
  ...overrides,
});

/** VersionCreated of `version` on the model's stream, as it arrives on ml.registry.events. */
export const versionCreated = (
  modelId: string,
  version: number,
  overrides: Partial<Envelope> = {},
  data: Record<string, unknown> = {},
): Envelope =>
  registryEvent(
    'VersionCreated',
    modelId,
    version + 1,
    {
      version,
      source: `s3://models/churn/${version}`,
      runId: `run-${version}`,
      description: '',
      tags: {},
      metrics: {},
      ...data,
    },
    overrides,
  );

export const modelCreated = (modelId: string, name = 'churn'): Envelope =>
  registryEvent('RegisteredModelCreated', modelId, 1, { name });

export const aliasSet = (
  modelId: string,
  streamVersion: number,
  alias: string,
  version: number,
  previousVersion: number | null,
  name = 'churn',
): Envelope => registryEvent('AliasSet', modelId, streamVersion, { name, alias, version, previousVersion });

/** A stage transition of one version (no other version archived). */
export const stageTransitioned = (
  modelId: string,
  streamVersion: number,
  version: number,
  to: string,
  from = 'None',
  name = 'churn',
): Envelope =>
  registryEvent('VersionStageTransitioned', modelId, streamVersion, { name, version, from, to, archivedVersions: [] });

export const artifactAttached = (
  modelId: string,
  streamVersion: number,
  version: number,
  sha256: string,
  name = 'churn',
): Envelope =>
  registryEvent('ArtifactAttached', modelId, streamVersion, {
    name,
    version,
    sha256,
    sizeBytes: 1024,
    uri: `artifacts/${sha256}/model.onnx`,
  });
