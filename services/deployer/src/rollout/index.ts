import { Feature } from '@ledger/platform';
import type { DeployerContext } from '../deployer.context';

export * from './rollout-inputs';
export * from './rollout-messages';
export { rolloutWorkflow, rolloutStreamId, sendIdOf } from './rollout.workflow';
export { deploymentIdOf } from '@ledger/contracts';
export type { RolloutState, ActiveRollout } from './rollout-state.domain';
export { rolloutWorkers, rolloutDelivery } from './running/rollout-workers';
export { servingEventsConsumer, SERVING_OUTCOMES } from './receiving-serving-events/serving-events.consumer';

/**
 * The rollout workflow needs no routes or tables of its own (its state is its stream); the edges
 * reach it through DeployerContext.rollouts, and deployer.service.ts wires its workers and consumer.
 */
export const rolloutFeature: Feature<DeployerContext> = { name: 'rollout' };
