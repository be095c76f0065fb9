import { DataSource } from 'typeorm';
import { servingCommands, Topics } from '@ledger/contracts';
import { commandConsumer } from '@ledger/messaging';
import {
  commandSettings,
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  ServiceHost,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { blobsDir, LocalBlobStore } from '@ledger/blobs';
import { acceptInferenceBodies, inferenceErrorDialect, inferenceFeature, servingSettings } from './inferring';
import { servingMetricsFeature } from './measuring';
import { createServingRuntime } from './runtime/create-serving-runtime';
import { createServingControl, servedModelFeature } from './served-model';
import { maxReplicasFrom, ServingConfig } from './serving.config';
import { SERVING, ServingContext } from './serving.context';

export type { ServingContext } from './serving.context';
export type { ServingConfig } from './serving.config';

const servingFeatures = [servedModelFeature, inferenceFeature, servingMetricsFeature];
const features = mergeFeatures(servingFeatures);
/** Every inline read model of serving, in the order they are written (rebuild tests replay them). */
export const servingInline = features.inline;

/**
 * The control plane's context: the runtime from the config's hook, and the state the log wants
 * put back into it before anything is served — this runs before HTTP listens, so /health (and
 * every route) answers only once every ready version is loaded again and every table set.
 */
async function createServingContext(host: ServiceHost, config: ServingConfig): Promise<ServingContext> {
  const inference = servingSettings(config, process.env);
  const plane = createServingRuntime({
    blobs: new LocalBlobStore(blobsDir(config, process.env)),
    registry: host.metrics.registry,
    clock: host.metadata.clock,
    batching: inference.batching,
  });
  const runtime = config.runtime ? config.runtime(host) : plane;
  try {
    const control = createServingControl(host.db, host.metadata, runtime, features.inline, {
      maxReplicas: maxReplicasFrom(config, process.env),
      commands: commandSettings(config, process.env),
      databaseUrl: host.databaseUrl,
      pollMs: config.reconcilePollMs,
    });
    await control.reconciler.reconcileOnce();
    return { db: host.db, metadata: host.metadata, runtime, control, plane, inference };
  } catch (error) {
    await runtime.close().catch(() => undefined);
    await plane.close().catch(() => undefined);
    throw error;
  }
}

/** Serving on the service kit: commands from ml.serving.commands and HTTP, its log driving the runtime. */
export const servingService: ServiceDefinition<ServingContext, ServingConfig> = {
  name: 'serving',
  http: {
    title: 'Model Ledger serving',
    description: 'Loads model versions into replicas, splits traffic between them, and serves predictions.',
    errorDialects: [inferenceErrorDialect],
    prepare: (app, context) => acceptInferenceBodies(app, context.inference.maxBodyBytes),
  },
  migrations: features.migrations,
  inline: features.inline,
  projections: features.projections,
  context: createServingContext,
  module: (context) =>
    featuresModule('serving', servingFeatures, [
      { provide: DataSource, useValue: context.db },
      { provide: SERVING, useValue: context },
    ]),
  consumers: (context, host) => [
    {
      consumer: 'serving.commands',
      topics: [Topics.servingCommands],
      controllers: [
        commandConsumer({
          catalog: servingCommands,
          routes: features.bus,
          context,
          db: context.db,
          metadata: host.metadata,
          denials: host.denials,
        }),
      ],
    },
  ],
  // Keyed by model name, as the deployer keys its commands: one model's events keep their order.
  relay: { topic: Topics.servingEvents, keyOf: (event) => String(event.data.name) },
  workers: (context) => [
    // First in, last out: the runtime closes after the reconciler stopped driving it.
    {
      name: 'serving-runtime',
      start: async () => undefined,
      stop: async () => {
        await context.runtime.close();
        if (context.plane !== context.runtime) await context.plane.close();
      },
    },
    {
      name: 'serving-reconciler',
      start: () => context.control.reconciler.start(),
      stop: () => context.control.reconciler.stop(),
    },
  ],
};

export type RunningServing = RunningService<ServingContext>;

export const createServingApp = (options: StartServiceOptions & ServingConfig): Promise<RunningServing> =>
  startService(servingService, options);
