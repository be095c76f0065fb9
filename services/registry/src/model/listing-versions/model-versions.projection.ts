import { EntityManager } from 'typeorm';
import { registryEvents } from '@ledger/contracts';
import { actorIdOf, CatalogEventOf, Migration, occurredAt, StoredEvent } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

export * from './version-view';

export const MODEL_VERSIONS_MIGRATION: Migration = {
  id: 'registry-003-model-versions',
  sql: `CREATE TABLE model_versions (
  model_id    uuid NOT NULL,
  version     int NOT NULL,
  name        text NOT NULL,
  source      text NOT NULL,
  run_id      text NOT NULL,
  description text NOT NULL,
  tags        jsonb NOT NULL,
  metrics     jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (model_id, version)
);`,
};

// The defaults are what a version registered before these fields existed reads as (VersionCreated v1).
export const MODEL_VERSIONS_LIFECYCLE_MIGRATION: Migration = {
  id: 'registry-005-model-versions-lifecycle',
  sql: `ALTER TABLE model_versions
  ADD COLUMN run_link text NOT NULL DEFAULT '',
  ADD COLUMN params jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN signature jsonb,
  ADD COLUMN framework text NOT NULL DEFAULT '',
  ADD COLUMN artifact jsonb,
  ADD COLUMN semver_label text,
  ADD COLUMN semver_reason text,
  ADD COLUMN stage text NOT NULL DEFAULT 'None',
  ADD COLUMN aliases text[] NOT NULL DEFAULT '{}',
  ADD COLUMN deleted boolean NOT NULL DEFAULT false,
  ADD COLUMN updated_at timestamptz;
UPDATE model_versions SET updated_at = created_at;
ALTER TABLE model_versions ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX model_versions_latest_per_stage ON model_versions (model_id, stage, version DESC) WHERE NOT deleted;`,
};

// Where a copied version's files were when it was registered (VersionCreated.storageLocation).
export const MODEL_VERSIONS_STORAGE_LOCATION_MIGRATION: Migration = {
  id: 'registry-014-model-versions-storage-location',
  sql: `ALTER TABLE model_versions ADD COLUMN storage_location text NOT NULL DEFAULT '';`,
};

// Who registered each version (the acting principal), for separation of duties.
export const MODEL_VERSIONS_REGISTERED_BY_MIGRATION: Migration = {
  id: 'registry-015-model-versions-registered-by',
  sql: `ALTER TABLE model_versions ADD COLUMN registered_by text NOT NULL DEFAULT '';`,
};

// The MLflow 3 logged model a version was registered from (VersionCreated v3's loggedModelId).
export const MODEL_VERSIONS_LOGGED_MODEL_MIGRATION: Migration = {
  id: 'registry-016-model-versions-logged-model',
  sql: `ALTER TABLE model_versions ADD COLUMN logged_model_id text NOT NULL DEFAULT '';`,
};

// When a version's artifact bytes were uploaded to the registry's store (ArtifactAttached); null: never.
export const MODEL_VERSIONS_ARTIFACT_UPLOADED_MIGRATION: Migration = {
  id: 'registry-017-model-versions-artifact-uploaded',
  sql: `ALTER TABLE model_versions ADD COLUMN artifact_uploaded_at timestamptz;`,
};

// The label a team chose for the version ('' none) and its input example (VersionCreated v4).
export const MODEL_VERSIONS_LABEL_MIGRATION: Migration = {
  id: 'registry-018-model-versions-label',
  sql: `ALTER TABLE model_versions ADD COLUMN label text NOT NULL DEFAULT '', ADD COLUMN input_example jsonb;
CREATE UNIQUE INDEX model_versions_label ON model_versions (model_id, label) WHERE label <> '';`,
};

// Aliases are kept sorted, so the same events always give the same array.
const WITH_ALIAS = `ARRAY(SELECT DISTINCT a FROM unnest(aliases || $3::text) AS a ORDER BY a)`;

type VersionCreatedEvent = CatalogEventOf<typeof registryEvents, 'VersionCreated'>;
/** Any event about one version: what `update` needs of it. */
type VersionScopedEvent = Pick<StoredEvent, 'metadata'> & { data: { modelId: string; version: number } };

/** One row per version (deleted ones flagged), for listing, getting and latest-per-stage; a replayed event is a no-op. */
export const modelVersionsProjection = registryProjection({
  name: 'model_versions',
  // 2: updated_at as MLflow's (tags leave it, a rename moves it); storage_location of copies.
  // 3: registered_by. 4: logged_model_id. 5: uploaded artifacts shown on their version.
  // 6: labels and input examples.
  version: 6,
  on: {
    VersionCreated: insertVersion,
    VersionDescriptionUpdated: (tx, event) => update(tx, event, 'description = $3', [event.data.description]),
    // Tags leave updated_at alone, as MLflow's last_updated_timestamp.
    VersionTagSet: (tx, { data: { modelId, version, key, value } }) =>
      tx.query(
        `UPDATE model_versions SET tags = tags || jsonb_build_object($3::text, $4::text) WHERE model_id = $1 AND version = $2`,
        [modelId, version, key, value],
      ),
    VersionTagDeleted: (tx, { data: { modelId, version, key } }) =>
      tx.query(`UPDATE model_versions SET tags = tags - $3::text WHERE model_id = $1 AND version = $2`, [
        modelId,
        version,
        key,
      ]),
    VersionDeleted: (tx, event) => update(tx, event, `deleted = true, aliases = '{}'`, []),
    AliasSet: async (tx, { data: { modelId, version, alias } }) => {
      await tx.query(
        `UPDATE model_versions SET aliases = array_remove(aliases, $2) WHERE model_id = $1 AND $2 = ANY(aliases)`,
        [modelId, alias],
      );
      await tx.query(`UPDATE model_versions SET aliases = ${WITH_ALIAS} WHERE model_id = $1 AND version = $2`, [
        modelId,
        version,
        alias,
      ]);
    },
    AliasDeleted: (tx, { data: { modelId, alias } }) =>
      tx.query(`UPDATE model_versions SET aliases = array_remove(aliases, $2) WHERE model_id = $1`, [modelId, alias]),
    VersionStageTransitioned: async (tx, event) => {
      const { modelId, to, archivedVersions } = event.data;
      await update(tx, event, 'stage = $3', [to]);
      const archived = archivedVersions.map((a) => a.version);
      await tx.query(
        `UPDATE model_versions SET stage = 'Archived', updated_at = $3 WHERE model_id = $1 AND version = ANY($2::int[])`,
        [modelId, archived, occurredAt(event)],
      );
    },
    // The uploaded bytes replace what was declared at registration (same digest, the store's uri).
    ArtifactAttached: (tx, event) => {
      const { sha256, sizeBytes, uri } = event.data;
      const artifact = JSON.stringify({ sha256, sizeBytes, uri });
      return update(tx, event, 'artifact = $3::jsonb, artifact_uploaded_at = $4', [artifact, occurredAt(event)]);
    },
    // Versions show their model's current name; as in MLflow, a rename updates them all.
    RegisteredModelRenamed: (tx, event) =>
      tx.query(`UPDATE model_versions SET name = $2, updated_at = $3 WHERE model_id = $1`, [
        event.data.modelId,
        event.data.name,
        occurredAt(event),
      ]),
  },
  runs: { VersionCreated: insertVersions },
  reset: (tx) => tx.query(`DELETE FROM model_versions`),
});

/** $1 model id, $2 version, then the event's time as updated_at; `set` uses $3 onwards. */
function update(tx: EntityManager, event: VersionScopedEvent, set: string, values: unknown[]): Promise<unknown> {
  const { modelId, version } = event.data;
  const at = values.length + 3;
  return tx.query(`UPDATE model_versions SET ${set}, updated_at = $${at} WHERE model_id = $1 AND version = $2`, [
    modelId,
    version,
    ...values,
    occurredAt(event),
  ]);
}

function insertVersion(tx: EntityManager, event: VersionCreatedEvent): Promise<unknown> {
  const v = event.data;
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return tx.query(
    `INSERT INTO model_versions (model_id, version, name, source, run_id, run_link, description, tags, metrics, params, signature,
       framework, artifact, semver_label, semver_reason, created_at, updated_at, storage_location, registered_by, logged_model_id, label, input_example)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13::jsonb, $14, $15, $16, $16, $17, $18, $19, $20, $21::jsonb)
     ON CONFLICT (model_id, version) DO NOTHING`,
    [
      v.modelId,
      v.version,
      v.name,
      v.source,
      v.runId,
      v.runLink,
      v.description,
      json(v.tags),
      json(v.metrics),
      json(v.params),
      json(v.signature),
      v.framework,
      json(v.artifact),
      v.semver?.label ?? null,
      v.semver?.reason ?? null,
      occurredAt(event),
      v.storageLocation,
      actorIdOf(event),
      v.loggedModelId,
      v.label,
      json(v.inputExample),
    ],
  );
}

/** A run of VersionCreated in one statement: the same rows as inserting them one by one. */
function insertVersions(tx: EntityManager, events: VersionCreatedEvent[]): Promise<unknown> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const versions = events.map((event) => ({ v: event.data, at: occurredAt(event), by: actorIdOf(event) }));
  const column = <T>(pick: (row: (typeof versions)[number]) => T) => versions.map(pick);
  return tx.query(
    `INSERT INTO model_versions (model_id, version, name, source, run_id, run_link, description, tags, metrics, params, signature,
       framework, artifact, semver_label, semver_reason, created_at, updated_at, storage_location, registered_by, logged_model_id,
       label, input_example)
     SELECT model_id, version, name, source, run_id, run_link, description, tags, metrics, params, signature,
       framework, artifact, semver_label, semver_reason, at, at, storage_location, registered_by, logged_model_id, label, input_example
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::jsonb[],
       $11::jsonb[], $12::text[], $13::jsonb[], $14::text[], $15::text[], $16::timestamptz[], $17::text[], $18::text[], $19::text[],
       $20::text[], $21::jsonb[])
       AS v(model_id, version, name, source, run_id, run_link, description, tags, metrics, params, signature,
         framework, artifact, semver_label, semver_reason, at, storage_location, registered_by, logged_model_id, label, input_example)
     ON CONFLICT (model_id, version) DO NOTHING`,
    [
      column(({ v }) => v.modelId),
      column(({ v }) => v.version),
      column(({ v }) => v.name),
      column(({ v }) => v.source),
      column(({ v }) => v.runId),
      column(({ v }) => v.runLink),
      column(({ v }) => v.description),
      column(({ v }) => json(v.tags)),
      column(({ v }) => json(v.metrics)),
      column(({ v }) => json(v.params)),
      column(({ v }) => json(v.signature)),
      column(({ v }) => v.framework),
      column(({ v }) => json(v.artifact)),
      column(({ v }) => v.semver?.label ?? null),
      column(({ v }) => v.semver?.reason ?? null),
      column(({ at }) => at),
      column(({ v }) => v.storageLocation),
      column(({ by }) => by),
      column(({ v }) => v.loggedModelId),
      column(({ v }) => v.label),
      column(({ v }) => json(v.inputExample)),
    ],
  );
}
