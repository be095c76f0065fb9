import { deployerEvents, Topics } from '@ledger/contracts';
import { CommandHandler } from '@ledger/eventstore';
import { acceptYamlBodies } from '@ledger/platform';
import type { BusConsumerSpec, ServiceHost } from '@ledger/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { registryEventsConsumer } from '@ledger/registry-knowledge';
import type { DeployerContext } from './deployer.context';
import { SOURCE } from './deployer.context';
import { environmentDecider } from './environment/environment.decider';
import { environmentsProjection } from './environment/getting-environments/environments.projection';

/** The parts of the deployer's context its edges bring: the spine adds db, metadata and rollouts. */
export function createEdgeContext(host: ServiceHost): Pick<DeployerContext, 'access' | 'environments'> {
  return {
    access: host.access,
    environments: new CommandHandler(host.db, {
      decider: environmentDecider,
      source: SOURCE,
      catalog: deployerEvents,
      newEventId: host.metadata.newId,
      inline: [environmentsProjection],
    }),
  };
}

/**
 * What the deployer takes into its inbox from the registry (knowledge, triggers). Serving's events
 * come in through the rollouts' consumer, which also hands load outcomes to the workflows.
 */
export function edgeConsumers(context: DeployerContext): BusConsumerSpec[] {
  return [
    {
      consumer: 'deployer.registry-events',
      topics: [Topics.registryEvents],
      controllers: [registryEventsConsumer(context.db)],
    },
  ];
}

/** Environment policies (and the edges' other bodies) in YAML too, as teams keep them in config files: for http.prepare. */
export const acceptYamlEnvironments = (app: NestExpressApplication): void =>
  acceptYamlBodies(app, '/api/v1/environments');
