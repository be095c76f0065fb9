import { EntityManager } from 'typeorm';
import { MessageOf, registryEvents } from '@ledger/contracts';
import { catalogProjection, CatalogEventOf, StoredEvent } from '@ledger/eventstore';
import { KNOWLEDGE_TABLES } from './registry-knowledge.tables';

type Of<T extends MessageOf<typeof registryEvents>['type']> = CatalogEventOf<typeof registryEvents, T>;

const occurredAt = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>) =>
  (event.metadata as { occurredAt?: string }).occurredAt ?? event.createdAt;
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function versionCreated(tx: EntityManager, event: Of<'VersionCreated'>): Promise<unknown> {
  const d = event.data;
  return tx.query(
    `INSERT INTO known_versions (model_id, version, source, run_id, run_link, description, framework, tags, metrics,
       params, signature, artifact, semver, stage_since, registered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) ON CONFLICT DO NOTHING`,
    [
      d.modelId,
      d.version,
      d.source,
      d.runId,
      d.runLink,
      d.description,
      d.framework,
      json(d.tags),
      json(d.metrics),
      json(d.params),
      json(d.signature),
      json(d.artifact),
      json(d.semver),
      occurredAt(event),
    ],
  );
}

const setModel = (tx: EntityManager, modelId: string, name: string, deleted = false) =>
  tx.query(
    `INSERT INTO known_models (model_id, name, deleted) VALUES ($1, $2, $3)
     ON CONFLICT (model_id) DO UPDATE SET name = EXCLUDED.name, deleted = EXCLUDED.deleted`,
    [modelId, name, deleted],
  );

const setVersionField = (
  tx: EntityManager,
  d: { modelId: string; version: number },
  assignment: string,
  value: unknown,
) =>
  tx.query(`UPDATE known_versions SET ${assignment} WHERE model_id = $1 AND version = $2`, [
    d.modelId,
    d.version,
    value,
  ]);

async function stageTransitioned(tx: EntityManager, event: Of<'VersionStageTransitioned'>): Promise<void> {
  const { modelId, version, to, archivedVersions } = event.data;
  const at = occurredAt(event);
  await tx.query(`UPDATE known_versions SET stage = $3, stage_since = $4 WHERE model_id = $1 AND version = $2`, [
    modelId,
    version,
    to,
    at,
  ]);
  if (archivedVersions.length > 0)
    await tx.query(
      `UPDATE known_versions SET stage = 'Archived', stage_since = $3 WHERE model_id = $1 AND version = ANY($2::int[])`,
      [modelId, archivedVersions.map((a) => a.version), at],
    );
}

async function versionDeleted(tx: EntityManager, event: Of<'VersionDeleted'>): Promise<void> {
  const { modelId, version } = event.data;
  await setVersionField(tx, event.data, 'deleted = $3', true);
  await tx.query(`DELETE FROM known_aliases WHERE model_id = $1 AND version = $2`, [modelId, version]);
}

/**
 * What a service needs to know of the registry, projected from the registry's events in its
 * inbox: models by name, versions with their claimed metrics, tags, signature, artifact, semver
 * label and stage, and each model's aliases (so "the champion" is a question of its own tables).
 */
export const registryKnowledge = catalogProjection(registryEvents)({
  name: 'registry-knowledge',
  on: {
    RegisteredModelCreated: (tx, e) => setModel(tx, e.data.modelId, e.data.name),
    RegisteredModelRenamed: (tx, e) => setModel(tx, e.data.modelId, e.data.name),
    RegisteredModelDeleted: (tx, e) => setModel(tx, e.data.modelId, e.data.name, true),
    VersionCreated: async (tx, e) => {
      // A version can arrive before its model's creation was seen (a consumer started late).
      await tx.query(`INSERT INTO known_models (model_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        e.data.modelId,
        e.data.name,
      ]);
      await versionCreated(tx, e);
    },
    VersionTagSet: (tx, e) =>
      setVersionField(tx, e.data, 'tags = tags || $3::jsonb', JSON.stringify({ [e.data.key]: e.data.value })),
    VersionTagDeleted: (tx, e) => setVersionField(tx, e.data, 'tags = tags - $3::text', e.data.key),
    VersionDescriptionUpdated: (tx, e) => setVersionField(tx, e.data, 'description = $3', e.data.description),
    ArtifactAttached: (tx, e) =>
      setVersionField(
        tx,
        e.data,
        'artifact = $3::jsonb',
        JSON.stringify({ sha256: e.data.sha256, sizeBytes: e.data.sizeBytes, uri: e.data.uri }),
      ),
    VersionStageTransitioned: stageTransitioned,
    VersionDeleted: versionDeleted,
    AliasSet: (tx, e) =>
      tx.query(
        `INSERT INTO known_aliases (model_id, alias, version) VALUES ($1, $2, $3)
         ON CONFLICT (model_id, alias) DO UPDATE SET version = EXCLUDED.version`,
        [e.data.modelId, e.data.alias, e.data.version],
      ),
    AliasDeleted: (tx, e) =>
      tx.query(`DELETE FROM known_aliases WHERE model_id = $1 AND alias = $2`, [e.data.modelId, e.data.alias]),
  },
  reset: async (tx) => {
    for (const table of KNOWLEDGE_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
});
