import { Migration, occurredAt, Queryable } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

// The attachment of each version's artifact, projected inline from `ArtifactAttached` on the model
// stream (the registry's inline read models), so a replay rebuilds it like every other registry read model
// (DESIGN.md invariant 6). uploaded_at is the event's occurredAt, never now().
export const VERSION_ARTIFACTS_MIGRATION: Migration = {
  id: 'registry-artifacts-001-version-artifacts',
  sql: `CREATE TABLE version_artifacts (
  model_id    uuid NOT NULL,
  version     int NOT NULL,
  sha256      char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
  uri         text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, version)
);
CREATE INDEX version_artifacts_by_digest ON version_artifacts (sha256);`,
};

export const artifactMigrations: Migration[] = [VERSION_ARTIFACTS_MIGRATION];

export interface VersionArtifact {
  modelId: string;
  version: number;
  sha256: string;
  sizeBytes: number;
  uri: string;
  uploadedAt: string;
}

export async function findArtifact(
  on: Queryable,
  modelId: string,
  version: number,
): Promise<VersionArtifact | undefined> {
  const rows = await on.query(
    `SELECT model_id, version, sha256, size_bytes, uri, uploaded_at FROM version_artifacts WHERE model_id = $1 AND version = $2`,
    [modelId, version],
  );
  return rows[0] && toArtifact(rows[0]);
}

/** Whether any version (of any model) has this content attached: blobs are shared by digest. */
export async function isAttachedAnywhere(on: Queryable, sha256: string): Promise<boolean> {
  const rows = await on.query(`SELECT 1 FROM version_artifacts WHERE sha256 = $1 LIMIT 1`, [sha256]);
  return rows.length > 0;
}

/** version_artifacts as a projection of ArtifactAttached: one row per version, written once. */
export const versionArtifactsProjection = registryProjection({
  name: 'version_artifacts',
  on: {
    // The aggregate attaches at most one artifact per version, so a conflict is this same event again.
    ArtifactAttached: (tx, event) => {
      const { modelId, version, sha256, sizeBytes, uri } = event.data;
      return tx.query(
        `INSERT INTO version_artifacts (model_id, version, sha256, size_bytes, uri, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (model_id, version) DO NOTHING`,
        [modelId, version, sha256, sizeBytes, uri, occurredAt(event)],
      );
    },
  },
  reset: (tx) => tx.query(`DELETE FROM version_artifacts`),
});

function toArtifact(row: Record<string, unknown>): VersionArtifact {
  return {
    modelId: row.model_id as string,
    version: row.version as number,
    sha256: row.sha256 as string,
    // bigint arrives as a string; artifacts stay far below 2^53 bytes.
    sizeBytes: Number(row.size_bytes),
    uri: row.uri as string,
    uploadedAt: (row.uploaded_at as Date).toISOString(),
  };
}
