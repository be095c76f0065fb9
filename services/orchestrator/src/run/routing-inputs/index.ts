import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../../orchestrator.context';

/** PLACEHOLDER (wiring engineer): the router projection over the inbox and the orchestrator's own run events. */
export const routingFeature: Feature<OrchestratorContext> = { name: 'routing' };
