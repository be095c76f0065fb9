import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BlobStore, LocalBlobStore } from '@ledger/blobs';
import { datasetEvents } from '@ledger/contracts';
import { CommandHandler, newId, Projection } from '@ledger/eventstore';
import { CommandSettings, DEFAULT_COMMAND_SETTINGS } from '@ledger/platform';
import { DatasetCommand, DatasetEvent, DatasetState } from './dataset';
import { datasetDecider } from './dataset.decider';
import { DatasetsSettings } from './datasets.config';

export const DATASETS = Symbol('datasets-context');

/** What the dataset slices share: the read model's database, the aggregate, the blob store, the limit. */
export const DATASETS_PREFIX = 'datasets';

export interface DatasetsContext {
  db: DataSource;
  datasets: CommandHandler<DatasetCommand, DatasetEvent, DatasetState>;
  store: BlobStore;
  maxBytes: number;
}

/** `inline`: the read models written with each append (the validator's, dataset versions among them). */
export function createDatasetsContext(
  db: DataSource,
  inline: Projection[],
  settings: DatasetsSettings,
  commands: CommandSettings = DEFAULT_COMMAND_SETTINGS,
  newEventId = newId,
): DatasetsContext {
  const datasets = new CommandHandler(db, {
    ...commands,
    decider: datasetDecider,
    source: 'validator',
    catalog: datasetEvents,
    newEventId,
    inline,
  });
  // Under their own prefix of the shared store, as in a bucket: the registry's artifact garbage
  // collector walks <root>/sha256 only and never judges a dataset file it knows nothing of.
  return { db, datasets, store: new LocalBlobStore(join(settings.dir, DATASETS_PREFIX)), maxBytes: settings.maxBytes };
}
