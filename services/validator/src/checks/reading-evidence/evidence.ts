import { buffer } from 'node:stream/consumers';
import { BlobDigestMismatchError, BlobStore, readVerified } from '@ledger/blobs';
import { Artifact, DatasetRef as PolicyDatasetRef, NotFoundError, ValidationError } from '@ledger/contracts';
import { DatasetCorruptedError, DatasetsContext, loadDataset, LoadedDataset } from '../../dataset';
import { latestDatasetVersion } from '../../dataset/getting-datasets/dataset-versions.projection';
import { CheckFinding, finding } from '../check-evaluator';
import { DatasetUse, lineageOf } from './lineage.domain';

/** What the evidence-reading checks read: datasets by name, model artifacts by sha256. */
export interface Evidence {
  datasets: DatasetsContext;
  /** The shared store's root, where the registry writes model artifacts (datasets sit under datasets/). */
  artifacts: BlobStore;
}

/** A version's artifact bytes, checked against the recorded sha256 while read; undefined when none is stored. */
export async function readArtifact(store: BlobStore, artifact: Artifact): Promise<Buffer | undefined> {
  const blob = await readVerified(store, artifact.sha256);
  return blob && buffer(blob.content);
}

/** A dataset the policy names (its latest version when none is named), with its columns. */
export async function loadNamed(evidence: Evidence, ref: PolicyDatasetRef, columns?: string[]): Promise<LoadedDataset> {
  const version = ref.version ?? (await latestDatasetVersion(evidence.datasets.db, ref.name))?.version;
  if (version === undefined)
    throw new NotFoundError(`no dataset "${ref.name}" is registered with this validator`, { name: ref.name });
  return loadDataset(evidence.datasets, { name: ref.name, version }, columns ? { columns } : {});
}

/**
 * Evidence that could not be read: a dataset not registered, not intact, or without a column
 * the check names; an artifact that does not hash to its digest. The check ends `error` naming
 * what was missing, with the datasets it did read; anything else is thrown on.
 */
export function unreadable(error: unknown, used: DatasetUse[] = []): CheckFinding {
  const known =
    error instanceof NotFoundError ||
    error instanceof DatasetCorruptedError ||
    error instanceof BlobDigestMismatchError ||
    error instanceof ValidationError;
  if (!known) throw error;
  return finding('error', (error as Error).message, {
    details: { ...lineageOf(used), ...((error as { details?: object }).details ?? {}) },
  });
}

/** Columns as the statistics take them. */
export const asRecord = <T>(columns: ReadonlyMap<string, T>): Record<string, T> => Object.fromEntries(columns);
