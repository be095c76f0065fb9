import { DataSource } from 'typeorm';
import { deployerEvents } from '@ledger/contracts';
import { WorkflowRunner } from '@ledger/eventstore';
import type { Rollouts, RolloutControl, RolloutHandled } from '../rollout-inputs';
import type { RolloutEvent, RolloutInput, RolloutSend } from '../rollout-messages';
import type { RolloutState } from '../rollout-state.domain';
import { rolloutWorkflow } from '../rollout.workflow';
import { deploymentIdOf } from '@ledger/contracts';

export type RolloutRunner = WorkflowRunner<RolloutInput, RolloutSend, RolloutEvent, RolloutState>;

export const rolloutRunner = (db: DataSource, source: string, newEventId: () => string): RolloutRunner =>
  new WorkflowRunner(db, rolloutWorkflow, { source, newEventId, catalog: deployerEvents });

/** The Rollouts port over the workflow runner: each edge input is one decision, once per commandId. */
export function rolloutsOver(runner: RolloutRunner): Rollouts {
  return {
    async handle(input: RolloutControl): Promise<RolloutHandled> {
      const handled = await runner.handle(input);
      if (input.type === 'RequestRollout')
        return { deploymentId: deploymentIdOf(input.metadata.commandId!), duplicate: handled.duplicate };
      // The rollout it concerned: the one its events name, else the one running or last succeeded.
      const named = handled.outputs.flatMap((o) =>
        o.kind === 'publish' && 'deploymentId' in o.event.data ? [o.event.data.deploymentId] : [],
      );
      const deploymentId =
        named.at(-1) ?? handled.state.active?.deploymentId ?? handled.state.stableDeploymentId ?? null;
      return { deploymentId, duplicate: handled.duplicate };
    },
  };
}
