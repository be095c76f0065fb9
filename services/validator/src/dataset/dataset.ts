import { datasetEvents, DatasetRegisteredData, MessageOf, MessageOfType } from '@ledger/contracts';
import type { Command } from '@ledger/contracts';

/** Every event of a dataset stream, derived from the dataset event catalog. */
export type DatasetEvent = MessageOf<typeof datasetEvents>;
export type DatasetEventOf<T extends DatasetEvent['type']> = MessageOfType<DatasetEvent, T>;

/**
 * Internal: only the HTTP upload registers a version, once the bytes are stored and DuckDB has
 * read them back; the decision gets what was measured (digest, size, columns, rows), never bytes.
 */
export type RegisterDatasetData = Omit<DatasetRegisteredData, 'version'>;
export type DatasetCommand = Command<'RegisterDataset', RegisterDatasetData>;
export type DatasetCommandOf<T extends DatasetCommand['type']> = Extract<DatasetCommand, { type: T }>;

/** What a new upload is compared with: the latest version. */
export interface LatestDatasetVersion {
  version: number;
  sha256: string;
  format: DatasetRegisteredData['format'];
  description?: string;
}

/** A named dataset as far as decisions need it: one stream `dataset-<name>`, its versions 1..n. */
export interface DatasetState {
  name: string | null;
  latest: LatestDatasetVersion | null;
}

export const initialDatasetState = (): DatasetState => ({ name: null, latest: null });

export function evolveDataset(state: DatasetState, event: DatasetEvent): DatasetState {
  switch (event.type) {
    case 'DatasetRegistered': {
      const { name, version, sha256, format, description } = event.data;
      return { name, latest: { version, sha256, format, description } };
    }
  }
}

/** Datasets are never renamed, so the name is the stream's identity. */
export const datasetStreamId = (name: string): string => `dataset-${name}`;
