import type { LoadedDataset } from '../../dataset';

/** One dataset a check read, in the role the policy gave it: the lineage a run records. */
export interface DatasetUse {
  role: 'holdout' | 'reference' | 'current' | 'dataset';
  name: string;
  version: number;
  sha256: string;
}

export const usedAs = (role: DatasetUse['role'], dataset: Pick<LoadedDataset, 'source'>): DatasetUse => ({
  role,
  name: dataset.source.name,
  version: dataset.source.version,
  sha256: dataset.source.sha256,
});

/** The details key under which every check lists the datasets it read. */
export const lineageOf = (used: DatasetUse[]): { datasets: DatasetUse[] } => ({ datasets: used });
