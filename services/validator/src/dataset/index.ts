import { Feature } from '@ledger/platform';
import type { ValidatorContext } from '../validator.service';
import { RegisterDatasetHttp } from './registering-dataset/register-dataset.http';
import { DatasetsHttp } from './getting-datasets/datasets.http';
import { DATASET_VERSIONS_MIGRATION, datasetVersionsProjection } from './getting-datasets/dataset-versions.projection';

export { DATASETS, createDatasetsContext } from './datasets.context';
export type { DatasetsContext } from './datasets.context';
export { datasetsSettings } from './datasets.config';
export type { DatasetsConfigInput } from './datasets.config';
export { mountDatasetUpload } from './registering-dataset/upload-dataset';
export { loadDataset, DatasetCorruptedError } from './loading-dataset/load-dataset';
export type { DatasetRef, LoadOptions, LoadedDataset } from './loading-dataset/load-dataset';
export type { ColumnValues } from './loading-dataset/column-builder';

/** Reference, holdout and current datasets: named, versioned, content-addressed, read through DuckDB. */
export const datasetFeature: Feature<ValidatorContext> = {
  name: 'dataset',
  http: [RegisterDatasetHttp, DatasetsHttp],
  inline: [datasetVersionsProjection],
  migrations: [DATASET_VERSIONS_MIGRATION],
};
