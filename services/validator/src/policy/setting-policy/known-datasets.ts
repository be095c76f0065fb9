import { DatasetRef, PolicyCheck, ValidationError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { findDatasetVersion, latestDatasetVersion } from '../../dataset/getting-datasets/dataset-versions.projection';

const DATASET_FIELDS = ['dataset', 'reference', 'current'] as const;

/** Every dataset a policy names, with where it is named (`checks[2].reference`). */
export function datasetRefsOf(checks: PolicyCheck[]): { path: string; ref: DatasetRef }[] {
  return checks.flatMap((check, i) =>
    DATASET_FIELDS.flatMap((field) => {
      const ref = (check as Partial<Record<(typeof DATASET_FIELDS)[number], DatasetRef>>)[field];
      return ref ? [{ path: `checks[${i}].${field}`, ref }] : [];
    }),
  );
}

/** A policy naming a dataset (or a version of one) nobody registered is refused now, not by a run. */
export async function requireKnownDatasets(db: Queryable, checks: PolicyCheck[]): Promise<void> {
  for (const { path, ref } of datasetRefsOf(checks)) {
    const found =
      ref.version === undefined
        ? await latestDatasetVersion(db, ref.name)
        : await findDatasetVersion(db, ref.name, ref.version);
    if (found) continue;
    const what =
      ref.version === undefined ? `dataset "${ref.name}"` : `version ${ref.version} of dataset "${ref.name}"`;
    throw new ValidationError(`${path}: ${what} is not registered (POST /api/v1/datasets/${ref.name}/versions)`, {
      field: path,
    });
  }
}
