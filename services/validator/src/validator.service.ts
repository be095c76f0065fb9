import { DataSource } from 'typeorm';
import { Topics } from '@ledger/contracts';
import {
  CommandConfigInput,
  commandSettings,
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { versionFeature } from './version';
import { RegistryEventsConsumer } from './version/receiving-registry-events/registry-events.consumer';
import {
  createDatasetsContext,
  datasetFeature,
  DATASETS,
  DatasetsConfigInput,
  DatasetsContext,
  datasetsSettings,
  mountDatasetUpload,
} from './dataset';

export type ValidatorConfig = DatasetsConfigInput & CommandConfigInput;

export interface ValidatorContext {
  db: DataSource;
  datasets: DatasetsContext;
}

const validatorFeatures = [versionFeature, datasetFeature];
const features = mergeFeatures(validatorFeatures);
export const validatorProjections = features.projections;
/** Every inline read model of the validator, in the order they are written (rebuild tests replay them). */
export const validatorInline = features.inline;

/** The validator on the service kit: registry events into its own log (inbox), read models from there. */
export const validatorService: ServiceDefinition<ValidatorContext, ValidatorConfig> = {
  name: 'validator',
  http: {
    title: 'Model Ledger validator',
    // Before the shared plumbing: a dataset upload streams its raw body, ahead of the JSON gate and parsers.
    prepare: (app, _context, host) => mountDatasetUpload(app, host.metrics),
  },
  migrations: features.migrations,
  inline: features.inline,
  projections: features.projections,
  context: (host, config) => ({
    db: host.db,
    datasets: createDatasetsContext(
      host.db,
      features.inline,
      datasetsSettings(config, process.env),
      commandSettings(config, process.env),
      host.metadata.newId,
    ),
  }),
  module: ({ db, datasets }) =>
    featuresModule('validator', validatorFeatures, [
      { provide: DataSource, useValue: db },
      { provide: DATASETS, useValue: datasets },
    ]),
  consumers: () => [
    { consumer: 'validator.registry-events', topics: [Topics.registryEvents], controllers: [RegistryEventsConsumer] },
  ],
};

export type RunningValidator = RunningService<ValidatorContext>;

export const createValidatorApp = (options: StartServiceOptions & ValidatorConfig): Promise<RunningValidator> =>
  startService(validatorService, options);
