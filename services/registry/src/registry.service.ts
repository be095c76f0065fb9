import { registryCommands, Topics } from '@ledger/contracts';
import { commandConsumer } from '@ledger/messaging';
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
import { createRegistryContext, REGISTRY, RegistryContext } from './registry.context';
import { modelFeature } from './model';
import { auditingFeature } from './auditing';
import { searchingFeature } from './searching';
import { mlflowFeature } from './mlflow';
import { artifactsFeature } from './artifacts';
import { MLFLOW_ERROR_DIALECT } from './mlflow/mlflow-errors.http';
import { AccessConfigInput, accessSettings } from './model/authorizing/access.config';
import { readAccess } from './model/authorizing/read-access';
import { ArtifactsConfigInput, artifactsSettings } from './artifacts/artifacts.config';
import { ARTIFACTS, ArtifactsContext, createArtifactsContext } from './artifacts/storing/artifacts.context';
import { mountArtifactUpload } from './artifacts/uploading-artifact/upload-artifact';
import { TrackingServerConfigInput, trackingServerSettings } from './mlflow/tracking-server/tracking-server.config';
import { trackingServer } from './mlflow/tracking-server/tracking-server.client';

export type RegistryConfig = ArtifactsConfigInput & CommandConfigInput & AccessConfigInput & TrackingServerConfigInput;

export interface RegistryServiceContext {
  registry: RegistryContext;
  artifacts: ArtifactsContext;
}

/** The registry's features; the model aggregate first, so its name index is the first inline read model. */
export const registryFeatures = [modelFeature, auditingFeature, searchingFeature, mlflowFeature, artifactsFeature];
const features = mergeFeatures(registryFeatures);
/** Every inline read model of the registry, in the order they are written (rebuild tests replay them). */
export const registryProjections = features.inline;
export const registryMigrations = features.migrations;

/** The registry on the service kit: its features, the model command handler, its topics. */
export const registryService: ServiceDefinition<RegistryServiceContext, RegistryConfig> = {
  name: 'registry',
  http: {
    title: 'Model Ledger registry',
    description: 'Registered models and their versions. Every change is an event in the registry log.',
    shedsWrites: true,
    errorDialects: [MLFLOW_ERROR_DIALECT],
    // Before the shared plumbing: the upload streams its raw body, ahead of the JSON gate and parsers.
    prepare: (app, { registry }, host) => {
      mountArtifactUpload(app, host.metrics);
      app.use(readAccess(registry));
    },
  },
  migrations: features.migrations,
  inline: features.inline,
  context(host, config) {
    const tracking = trackingServerSettings(config, process.env);
    const context = createRegistryContext(
      host.db,
      features.inline,
      commandSettings(config, process.env),
      host.metadata.newId,
      { subjectOf: (metadata) => host.access.subjectOf(metadata), ...accessSettings(config, process.env) },
    );
    const registry: RegistryContext = { ...context, loggedModels: tracking && trackingServer(tracking) };
    return {
      registry,
      artifacts: createArtifactsContext(registry, host.metrics, artifactsSettings(config, process.env)),
    };
  },
  module: ({ registry, artifacts }) =>
    featuresModule('registry', registryFeatures, [
      { provide: REGISTRY, useValue: registry },
      { provide: ARTIFACTS, useValue: artifacts },
    ]),
  consumers: ({ registry }, host) => [
    {
      consumer: 'registry.commands',
      topics: [Topics.registryCommands],
      controllers: [
        commandConsumer({
          catalog: registryCommands,
          routes: features.bus,
          context: registry,
          db: registry.db,
          metadata: host.metadata,
          denials: host.denials,
        }),
      ],
    },
  ],
  relay: { topic: Topics.registryEvents, keyOf: (event) => String(event.data.modelId) },
};

export type RunningRegistry = RunningService<RegistryServiceContext>;

export const createRegistryApp = (options: StartServiceOptions & RegistryConfig): Promise<RunningRegistry> =>
  startService(registryService, options);
