import { Feature } from '@ledger/platform';
import { registryKnowledgeMigration, versionRegistrantsMigration } from '@ledger/registry-knowledge';
import type { OrchestratorContext } from '../../orchestrator.context';
import { schedulesProjection } from '../starting-on-schedule/schedules.projection';
import { SCHEDULES_MIGRATION } from '../starting-on-schedule/schedules.tables';
import { startRunOnBus } from '../starting-run/start-run.bus';
import { StartRunHttp } from '../starting-run/start-run.http';
import { routerProjection } from './router.projection';
import { ROUTER_ALIAS_WAITS_MIGRATION, ROUTER_FAILED_SLOTS_MIGRATION, ROUTER_MIGRATION } from './router.tables';

export { inboundEventsConsumer, INBOUND_TOPICS } from './inbound-events.consumer';
export { startingRun, type RunRequest, type StartedRun } from '../starting-run/start-run';

/**
 * What drives runs: the router over the inbox and the runs' own events (triggers, outcomes,
 * verdicts, slots), deciding at the host's clock; the schedules; starting a run by hand over HTTP
 * and the bus.
 */
export const routingFeature: Feature<OrchestratorContext> = {
  name: 'routing',
  http: [StartRunHttp],
  bus: [startRunOnBus],
  projections: [schedulesProjection],
  reacting: (_context, host) => [routerProjection(host.metadata.clock)],
  migrations: [
    registryKnowledgeMigration('orchestrator-routing-000-registry-knowledge'),
    versionRegistrantsMigration('orchestrator-routing-000-registrants'),
    ROUTER_MIGRATION,
    ROUTER_FAILED_SLOTS_MIGRATION,
    ROUTER_ALIAS_WAITS_MIGRATION,
    SCHEDULES_MIGRATION,
  ],
};
