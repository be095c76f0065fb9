import { identityCommands, Topics } from '@ledger/contracts';
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
import { createIdentityContext, IDENTITY, IdentityContext } from './identity.context';
import { principalFeature } from './principal';
import {
  BootstrapAdminInput,
  bootstrapAdminSettings,
  BootstrapConfigInput,
} from './principal/bootstrapping-admin/bootstrap-admin.settings';
import { bootstrapAdminWorker } from './principal/bootstrapping-admin/bootstrap-admin';

export type IdentityConfig = BootstrapConfigInput & CommandConfigInput;

export interface IdentityServiceContext {
  identity: IdentityContext;
  bootstrapAdmin?: BootstrapAdminInput;
}

const identityFeatures = [principalFeature];
const features = mergeFeatures(identityFeatures);
/** Every inline read model of the identity service, in the order they are written. */
export const identityProjections = features.inline;

/** The identity service on the kit: principals and their tokens, published on ml.identity.events. */
export const identityService: ServiceDefinition<IdentityServiceContext, IdentityConfig> = {
  name: 'identity',
  http: {
    title: 'Model Ledger identity',
    description:
      'Users, service accounts, their roles and API tokens. Every change is an event in the identity log; a token secret is shown once and only its sha256 is recorded.',
    shedsWrites: true,
  },
  migrations: features.migrations,
  inline: features.inline,
  context: (host, config) => ({
    identity: createIdentityContext(
      host.db,
      features.inline,
      commandSettings(config, process.env),
      host.metadata.newId,
    ),
    bootstrapAdmin: bootstrapAdminSettings(config, process.env),
  }),
  module: ({ identity }) => featuresModule('identity', identityFeatures, [{ provide: IDENTITY, useValue: identity }]),
  consumers: ({ identity }, host) => [
    {
      consumer: 'identity.commands',
      topics: [Topics.identityCommands],
      controllers: [
        commandConsumer({
          catalog: identityCommands,
          routes: features.bus,
          context: identity,
          db: identity.db,
          metadata: host.metadata,
          denials: host.denials,
        }),
      ],
    },
  ],
  relay: { topic: Topics.identityEvents, keyOf: (event) => String(event.data.principalId) },
  workers: ({ identity, bootstrapAdmin }, host) =>
    bootstrapAdmin ? [bootstrapAdminWorker(identity, bootstrapAdmin, host.metadata)] : [],
};

export type RunningIdentity = RunningService<IdentityServiceContext>;

export const createIdentityApp = (options: StartServiceOptions & IdentityConfig): Promise<RunningIdentity> =>
  startService(identityService, options);
