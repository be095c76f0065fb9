import { deployerEvents } from '@ledger/contracts';
import { CommandHandler } from '@ledger/eventstore';
import type { ServiceHost } from '@ledger/platform';
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
