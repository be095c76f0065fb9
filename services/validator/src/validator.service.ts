import { DataSource } from 'typeorm';
import { Topics } from '@ledger/contracts';
import {
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { versionFeature } from './version';
import { RegistryEventsConsumer } from './version/receiving-registry-events/registry-events.consumer';

export interface ValidatorContext {
  db: DataSource;
}

const validatorFeatures = [versionFeature];
const features = mergeFeatures(validatorFeatures);
export const validatorProjections = features.projections;

/** The validator on the service kit: registry events into its own log (inbox), read models from there. */
export const validatorService: ServiceDefinition<ValidatorContext> = {
  name: 'validator',
  http: { title: 'Model Ledger validator' },
  migrations: features.migrations,
  projections: features.projections,
  context: (host) => ({ db: host.db }),
  module: ({ db }) => featuresModule('validator', validatorFeatures, [{ provide: DataSource, useValue: db }]),
  consumers: () => [
    { consumer: 'validator.registry-events', topics: [Topics.registryEvents], controllers: [RegistryEventsConsumer] },
  ],
};

export type RunningValidator = RunningService<ValidatorContext>;

export const createValidatorApp = (options: StartServiceOptions): Promise<RunningValidator> =>
  startService(validatorService, options);
