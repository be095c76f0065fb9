import { Migration, Queryable } from '@ledger/eventstore';

// TODO(domain: ArtifactAttached): this table is written directly, not projected from the log, so it
// is the one registry read model a replay cannot rebuild (DESIGN.md invariant 6). Once the model
// aggregate has an `ArtifactAttached { modelId, version, sha256, sizeBytes, uri }` event, the
// upload appends that event instead and this table becomes its inline projection.
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

export async function findArtifact(on: Queryable, modelId: string, version: number): Promise<VersionArtifact | undefined> {
  const rows = await on.query(`SELECT model_id, version, sha256, size_bytes, uri, uploaded_at FROM version_artifacts WHERE model_id = $1 AND version = $2`, [
    modelId,
    version,
  ]);
  return rows[0] && toArtifact(rows[0]);
}

/**
 * Attaches an artifact to a version once: a version's bytes never change after the fact.
 * Answers the row that is attached afterwards, which is another one when a concurrent upload
 * of different content won the race.
 */
export async function attachArtifact(on: Queryable, a: Omit<VersionArtifact, 'uploadedAt'>): Promise<{ attached: VersionArtifact; created: boolean }> {
  const inserted = await on.query(
    `INSERT INTO version_artifacts (model_id, version, sha256, size_bytes, uri) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (model_id, version) DO NOTHING RETURNING model_id, version, sha256, size_bytes, uri, uploaded_at`,
    [a.modelId, a.version, a.sha256, a.sizeBytes, a.uri],
  );
  if (inserted[0]) return { attached: toArtifact(inserted[0]), created: true };
  const attached = await findArtifact(on, a.modelId, a.version);
  if (!attached) throw new Error(`artifact of ${a.modelId} v${a.version} vanished after a conflicting insert`);
  return { attached, created: false };
}

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
