import { datasetEvents, DatasetColumn, DatasetFormat } from '@ledger/contracts';
import { catalogProjection, EventMetadata, Migration, Queryable } from '@ledger/eventstore';

export const DATASET_VERSIONS_MIGRATION: Migration = {
  id: 'validator-datasets-001-dataset-versions',
  sql: `CREATE TABLE dataset_versions (
    name          text NOT NULL,
    version       int NOT NULL,
    sha256        text NOT NULL,
    format        text NOT NULL,
    size_bytes    bigint NOT NULL,
    row_count     bigint NOT NULL,
    columns       jsonb NOT NULL,
    description   text,
    registered_at timestamptz NOT NULL,
    registered_by text NOT NULL,
    PRIMARY KEY (name, version)
  );
  CREATE INDEX dataset_versions_by_sha256 ON dataset_versions (sha256, registered_at DESC);`,
};

export interface DatasetVersionView {
  name: string;
  version: number;
  sha256: string;
  format: DatasetFormat;
  sizeBytes: number;
  rowCount: number;
  columns: DatasetColumn[];
  description?: string;
  registeredAt: string;
  registeredBy: string;
}

/** Every registered dataset version, written with its DatasetRegistered (read-your-writes for the upload). */
export const datasetVersionsProjection = catalogProjection(datasetEvents)({
  name: 'dataset-versions',
  on: {
    DatasetRegistered: (tx, event) => {
      const { name, version, sha256, format, sizeBytes, rowCount, columns, description } = event.data;
      const { occurredAt, actor } = event.metadata as unknown as EventMetadata;
      return tx.query(
        `INSERT INTO dataset_versions (name, version, sha256, format, size_bytes, row_count, columns, description, registered_at, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) ON CONFLICT (name, version) DO NOTHING`,
        [
          name,
          version,
          sha256,
          format,
          sizeBytes,
          rowCount,
          JSON.stringify(columns),
          description ?? null,
          occurredAt,
          actor.id,
        ],
      );
    },
  },
  reset: (tx) => tx.query(`DELETE FROM dataset_versions`),
});

const COLUMNS = `name, version, sha256, format, size_bytes, row_count, columns, description, registered_at, registered_by`;

export async function findDatasetVersion(
  on: Queryable,
  name: string,
  version: number,
): Promise<DatasetVersionView | undefined> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM dataset_versions WHERE name = $1 AND version = $2`, [
    name,
    version,
  ]);
  return rows[0] && toView(rows[0]);
}

/** The latest registration of these bytes (the same content may be several versions, of several datasets). */
export async function findDatasetBySha256(on: Queryable, sha256: string): Promise<DatasetVersionView | undefined> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM dataset_versions WHERE sha256 = $1 ORDER BY registered_at DESC, name, version DESC LIMIT 1`,
    [sha256],
  );
  return rows[0] && toView(rows[0]);
}

export async function latestDatasetVersion(on: Queryable, name: string): Promise<DatasetVersionView | undefined> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM dataset_versions WHERE name = $1 ORDER BY version DESC LIMIT 1`, [
    name,
  ]);
  return rows[0] && toView(rows[0]);
}

export async function listDatasetVersions(on: Queryable, name: string): Promise<DatasetVersionView[]> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM dataset_versions WHERE name = $1 ORDER BY version`, [name]);
  return rows.map(toView);
}

export interface DatasetSummary {
  name: string;
  versionCount: number;
  latest: DatasetVersionView;
}

/** A page of datasets in name order, after the given name, each with its latest version. */
export async function listDatasets(on: Queryable, page: { limit: number; after?: string }): Promise<DatasetSummary[]> {
  const rows = await on.query(
    `SELECT DISTINCT ON (name) ${COLUMNS}, count(*) OVER (PARTITION BY name)::int AS version_count
     FROM dataset_versions WHERE ($1::text IS NULL OR name > $1) ORDER BY name, version DESC LIMIT $2`,
    [page.after ?? null, page.limit],
  );
  return rows.map((row: Record<string, unknown>) => ({
    name: row.name as string,
    versionCount: row.version_count as number,
    latest: toView(row),
  }));
}

function toView(row: Record<string, unknown>): DatasetVersionView {
  return {
    name: row.name as string,
    version: row.version as number,
    sha256: row.sha256 as string,
    format: row.format as DatasetFormat,
    // bigint arrives as a string; sizes and row counts stay far below 2^53.
    sizeBytes: Number(row.size_bytes),
    rowCount: Number(row.row_count),
    columns: row.columns as DatasetColumn[],
    ...(row.description === null ? {} : { description: row.description as string }),
    registeredAt: (row.registered_at as Date).toISOString(),
    registeredBy: row.registered_by as string,
  };
}
