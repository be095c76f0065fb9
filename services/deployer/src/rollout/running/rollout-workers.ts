import { DataSource } from 'typeorm';
import { Command } from '@ledger/contracts';
import { firingInto, MetadataSource, OutboxDispatcher, TimerRunner } from '@ledger/eventstore';
import type { Worker } from '@ledger/platform';
import type { DeploymentRuntime, RuntimeCommand } from '../../runtime/deployment-runtime';
import { measureAnalysis } from '../measuring/measure-analysis';
import type { MeasureAnalysis, RolloutSend } from '../rollout-messages';
import { rolloutWorkflow } from '../rollout.workflow';
import type { RolloutRunner } from './rollout-runner';

export interface RolloutWorkerDeps {
  db: DataSource;
  runner: RolloutRunner;
  runtime: DeploymentRuntime;
  metadata: MetadataSource;
  databaseUrl: string;
  /** Longest sleep between looks, in the clock's time (a ManualClock's advance wakes them too). */
  pollMs?: number;
}

/**
 * Hands what a rollout sent to where it goes: serving commands to the runtime with the id the
 * workflow gave them, a MeasureAnalysis to the local measurement step (its result back to the workflow).
 */
export function rolloutDelivery(deps: Pick<RolloutWorkerDeps, 'runner' | 'runtime' | 'metadata'>) {
  return async (command: Command): Promise<void> => {
    const sent = command as Command & RolloutSend;
    if (sent.type === 'MeasureAnalysis') {
      const measured = await measureAnalysis(deps.runtime, deps.metadata, sent as Command & MeasureAnalysis);
      await deps.runner.handle(measured);
      return;
    }
    const { commandId, ...data } = sent.data;
    await deps.runtime.send({
      type: sent.type,
      commandId,
      correlationId: command.metadata.correlationId,
      data,
    } as RuntimeCommand);
  };
}

const asWorker = (name: string, loop: { start(): Promise<void>; stop(): Promise<void> }): Worker => ({
  name,
  start: () => loop.start(),
  stop: () => loop.stop(),
});

/** The rollouts' durable timers and their outbox, as service workers. */
export function rolloutWorkers(deps: RolloutWorkerDeps): Worker[] {
  const { db, runner, metadata, databaseUrl } = deps;
  const timers = new TimerRunner(db, {
    owner: rolloutWorkflow.name,
    clock: metadata.clock,
    fire: firingInto(runner),
    databaseUrl,
    pollMs: deps.pollMs,
  });
  const outbox = new OutboxDispatcher(db, {
    sender: rolloutWorkflow.name,
    clock: metadata.clock,
    databaseUrl,
    pollMs: deps.pollMs,
    deliver: rolloutDelivery(deps),
  });
  return [asWorker('rollout-timers', timers), asWorker('rollout-outbox', outbox)];
}
