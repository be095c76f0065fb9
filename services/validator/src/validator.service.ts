import { DataSource } from 'typeorm';
import { LocalBlobStore } from '@ledger/blobs';
import { Topics, validatorCommands } from '@ledger/contracts';
import { StoredEvent } from '@ledger/eventstore';
import { commandConsumer } from '@ledger/messaging';
import {
  acceptYamlBodies,
  CommandConfigInput,
  commandSettings,
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { CheckEvaluator } from './checks/check-evaluator';
import { validatorEvaluators } from './checks/validator-evaluators';
import { policyFeature } from './policy';
import { runFeature } from './run';
import { checkJudge } from './run/judging-checks/judge-check';
import { createValidatorContext, VALIDATOR, ValidatorContext } from './validator.context';
import { versionFeature } from './version';
import { registryEventsConsumer } from '@ledger/registry-knowledge';
import {
  createDatasetsContext,
  datasetFeature,
  DATASETS,
  DatasetsConfigInput,
  datasetsSettings,
  mountDatasetUpload,
} from './dataset';

export type { ValidatorContext } from './validator.context';

export type ValidatorConfig = DatasetsConfigInput &
  CommandConfigInput & {
    /** The check evaluators this instance runs (default: every kind); a policy may name only their kinds. */
    evaluators?: CheckEvaluator[];
  };

// The version feature first: its routes (pending) come before the runs' `:runId`.
const validatorFeatures = [versionFeature, policyFeature, runFeature, datasetFeature];
const features = mergeFeatures(validatorFeatures);
export const validatorProjections = features.projections;
/** Every inline read model of the validator, in the order they are written (rebuild tests replay them). */
export const validatorInline = features.inline;

// Policy events are keyed by model name, run events by model id: each keeps its order on the bus.
const keyOf = (event: StoredEvent) => String(event.data.modelId ?? event.data.name);

const startStop = (loop: { start(): Promise<void>; stop(): Promise<void> }) => ({
  start: () => loop.start(),
  stop: () => loop.stop(),
});

/** The validator on the service kit: registry knowledge from its inbox, policies, and runs as durable workflows. */
export const validatorService: ServiceDefinition<ValidatorContext, ValidatorConfig> = {
  name: 'validator',
  http: {
    title: 'Model Ledger validator',
    description: 'Validation policies per registered model and validation runs with their reports.',
    // Before the shared plumbing: a dataset upload streams its raw body, ahead of the JSON gate and parsers.
    prepare: (app, _context, host) => {
      mountDatasetUpload(app, host.metrics);
      acceptYamlBodies(app, '/api/v1/validation-policies');
    },
  },
  migrations: features.migrations,
  inline: features.inline,
  projections: features.projections,
  context: (host, config) => {
    const settings = datasetsSettings(config, process.env);
    const datasets = createDatasetsContext(
      host.db,
      features.inline,
      settings,
      commandSettings(config, process.env),
      host.metadata.newId,
    );
    // Model artifacts sit at the root of the store the registry writes; datasets under its datasets/ prefix.
    const evidence = { datasets, artifacts: new LocalBlobStore(settings.dir) };
    return createValidatorContext(host.db, host.metadata, config.evaluators ?? validatorEvaluators(evidence), datasets);
  },
  module: (context) =>
    featuresModule('validator', validatorFeatures, [
      { provide: DataSource, useValue: context.db },
      { provide: VALIDATOR, useValue: context },
      { provide: DATASETS, useValue: context.datasets },
    ]),
  // Its own events (policies, run verdicts) keep the checkpoint name of the relay it had before the kit's.
  relay: { topic: Topics.validatorEvents, keyOf, name: 'validator' },
  consumers: (context, host) => [
    {
      consumer: 'validator.registry-events',
      topics: [Topics.registryEvents],
      controllers: [registryEventsConsumer(context.db)],
    },
    {
      consumer: 'validator.commands',
      topics: [Topics.validatorCommands],
      controllers: [
        commandConsumer({
          catalog: validatorCommands,
          routes: features.bus,
          context,
          db: context.db,
          metadata: host.metadata,
          denials: host.denials,
        }),
      ],
    },
  ],
  workers: (context, host) => [
    { name: 'validation-check-judge', ...startStop(checkJudge(context, host.metadata.clock, host.databaseUrl)) },
  ],
};

export type RunningValidator = RunningService<ValidatorContext>;

export const createValidatorApp = (options: StartServiceOptions & ValidatorConfig): Promise<RunningValidator> =>
  startService(validatorService, options);
