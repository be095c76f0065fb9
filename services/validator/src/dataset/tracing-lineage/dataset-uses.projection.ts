import { validatorEvents } from '@ledger/contracts';
import { catalogProjection, Migration, occurredAt, Queryable } from '@ledger/eventstore';

export const DATASET_USES_MIGRATION: Migration = {
  id: 'validator-datasets-002-dataset-uses',
  sql: `CREATE TABLE dataset_uses (
    run_id          uuid NOT NULL,
    check_id        text NOT NULL,
    role            text NOT NULL,
    dataset_name    text NOT NULL,
    dataset_version int NOT NULL,
    sha256          text NOT NULL,
    model_name      text NOT NULL,
    model_version   int NOT NULL,
    outcome         text NOT NULL,
    dry_run         boolean NOT NULL,
    at              timestamptz NOT NULL,
    PRIMARY KEY (run_id, check_id, role)
  );
  CREATE INDEX dataset_uses_by_dataset ON dataset_uses (dataset_name, dataset_version);
  CREATE INDEX dataset_uses_by_version ON dataset_uses (model_name, model_version);`,
};

/** A dataset as a check's details name it (checks/reading-evidence/lineage.domain.ts). */
interface UsedDataset {
  role: string;
  name: string;
  version: number;
  sha256: string;
}

const usedDatasets = (details: Record<string, unknown>): UsedDataset[] =>
  Array.isArray(details.datasets) ? (details.datasets as UsedDataset[]) : [];

/** Lineage both ways: which runs read a dataset version, and which datasets judged a model version. */
export const datasetUsesProjection = catalogProjection(validatorEvents)({
  name: 'dataset_uses',
  on: {
    ValidationCheckCompleted: async (tx, event) => {
      const { runId, name, version, dryRun, result } = event.data;
      for (const used of usedDatasets(result.details))
        await tx.query(
          `INSERT INTO dataset_uses (run_id, check_id, role, dataset_name, dataset_version, sha256, model_name, model_version, outcome, dry_run, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
          [
            runId,
            result.id,
            used.role,
            used.name,
            used.version,
            used.sha256,
            name,
            version,
            result.outcome,
            dryRun,
            occurredAt(event),
          ],
        );
    },
  },
  reset: (tx) => tx.query(`DELETE FROM dataset_uses`),
});

export interface DatasetUse {
  runId: string;
  checkId: string;
  role: string;
  dataset: { name: string; version: number; sha256: string };
  model: { name: string; version: number };
  outcome: string;
  dryRun: boolean;
  at: string;
}

export type DatasetUseFilter = { model: string; version?: number } | { dataset: string; datasetVersion?: number };

/** Newest first. */
export async function findDatasetUses(on: Queryable, filter: DatasetUseFilter, limit: number): Promise<DatasetUse[]> {
  const [column, versionColumn, name, version] =
    'model' in filter
      ? ['model_name', 'model_version', filter.model, filter.version]
      : ['dataset_name', 'dataset_version', filter.dataset, filter.datasetVersion];
  const rows: Record<string, unknown>[] = await on.query(
    `SELECT * FROM dataset_uses WHERE ${column} = $1 AND ($2::int IS NULL OR ${versionColumn} = $2)
     ORDER BY at DESC, run_id, check_id, role LIMIT $3`,
    [name, version ?? null, limit],
  );
  return rows.map((r) => ({
    runId: String(r.run_id),
    checkId: String(r.check_id),
    role: String(r.role),
    dataset: { name: String(r.dataset_name), version: Number(r.dataset_version), sha256: String(r.sha256) },
    model: { name: String(r.model_name), version: Number(r.model_version) },
    outcome: String(r.outcome),
    dryRun: Boolean(r.dry_run),
    at: (r.at as Date).toISOString(),
  }));
}
