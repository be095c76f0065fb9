import { DataSource } from 'typeorm';
import { deployerCommands, Topics } from '@ledger/contracts';
import { StoredEvent } from '@ledger/eventstore';
import { commandConsumer } from '@ledger/messaging';
import {
  CommandConfigInput,
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  ServiceHost,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { createDeployerContext, DEPLOYER, DeployerServiceContext } from './deployer.context';
import { edgeFeatures } from './deployer.features';
import { acceptYamlEnvironments, createEdgeContext, edgeConsumers } from './deployer.edges';
import { rolloutFeature, rolloutWorkers, servingEventsConsumer } from './rollout';
import { DeploymentRuntime } from './runtime/deployment-runtime';
import { LocalServingRuntime } from './runtime/local-serving.runtime';

export type { DeployerContext } from './deployer.context';

export type DeployerConfig = CommandConfigInput & {
  /** Our serving service's HTTP address, for the analysis' metrics (env SERVING_URL). */
  servingUrl?: string;
  /** An API token serving accepts, when it authenticates (env SERVING_TOKEN: a service account's). */
  servingToken?: string;
  /** Another runtime than our serving service (see runtime/deployment-runtime.ts). */
  runtime?: DeploymentRuntime;
};

export const DEFAULT_SERVING_URL = 'http://127.0.0.1:8085';

const deployerFeatures = [...edgeFeatures, rolloutFeature];
const features = mergeFeatures(deployerFeatures);
export const deployerProjections = features.projections;
export const deployerInline = features.inline;

// One model's rollout events share its name as key, so their order holds on the bus.
const keyOf = (event: StoredEvent) => String(event.data.name ?? event.data.environment ?? event.streamId);

function runtimeOf(host: ServiceHost, config: DeployerConfig): DeploymentRuntime {
  const servingUrl = config.servingUrl ?? process.env.SERVING_URL ?? DEFAULT_SERVING_URL;
  const token = config.servingToken ?? (process.env.SERVING_TOKEN || undefined);
  return config.runtime ?? new LocalServingRuntime(host.bus, servingUrl, token);
}

/** The deployer on the service kit: its edges (environments, triggers, routes, read models) and the rollout workflows. */
export const deployerService: ServiceDefinition<DeployerServiceContext, DeployerConfig> = {
  name: 'deployer',
  http: {
    title: 'Model Ledger deployer',
    description:
      'Environments and their policies, rollouts (replace, canary, blue-green, rolling) with live analysis, rollbacks.',
    prepare: (app) => acceptYamlEnvironments(app),
  },
  migrations: features.migrations,
  inline: features.inline,
  projections: features.projections,
  reactingProjections: features.reacting,
  context: (host, config) =>
    createDeployerContext(host.db, host.metadata, runtimeOf(host, config), createEdgeContext(host)),
  module: (context) =>
    featuresModule('deployer', deployerFeatures, [
      { provide: DataSource, useValue: context.db },
      { provide: DEPLOYER, useValue: context },
    ]),
  relay: { topic: Topics.deployerEvents, keyOf, alsoWrites: [Topics.servingCommands], name: 'deployer' },
  consumers: (context, host) => [
    ...edgeConsumers(context),
    {
      consumer: 'deployer.serving-events',
      topics: [Topics.servingEvents],
      controllers: [servingEventsConsumer(context.db, context.rolloutRunner)],
    },
    ...(features.bus.length > 0
      ? [
          {
            consumer: 'deployer.commands',
            topics: [Topics.deployerCommands],
            controllers: [
              commandConsumer({
                catalog: deployerCommands,
                routes: features.bus,
                context,
                db: context.db,
                metadata: host.metadata,
                denials: host.denials,
              }),
            ],
          },
        ]
      : []),
  ],
  workers: (context, host) =>
    rolloutWorkers({
      db: context.db,
      runner: context.rolloutRunner,
      runtime: context.runtime,
      metadata: host.metadata,
      databaseUrl: host.databaseUrl,
    }),
};

export type RunningDeployer = RunningService<DeployerServiceContext>;

export const createDeployerApp = (options: StartServiceOptions & DeployerConfig): Promise<RunningDeployer> =>
  startService(deployerService, options);
