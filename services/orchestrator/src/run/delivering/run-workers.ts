import { DataSource } from 'typeorm';
import { Actor, Command } from '@ledger/contracts';
import { firingInto, MetadataSource, OutboxDispatcher, TimerRunner } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import type { Worker } from '@ledger/platform';
import type { RunRunner } from '../../orchestrator.context';
import type { RunSend } from '../run-messages';
import { runWorkflow } from '../run.workflow';
import { callWebhook, NotifyOptions, NotifyWebhook } from './notify-webhook';
import { publishRunCommand } from './run-commands';

export interface RunWorkerDeps {
  db: DataSource;
  runs: RunRunner;
  bus: Bus | undefined;
  metadata: MetadataSource;
  databaseUrl: string;
  /** Who the commands are from (see run-commands.ts). */
  actor: Actor;
  notify?: NotifyOptions;
  pollMs?: number;
}

/**
 * Hands what a run sent to where it goes: other services' commands onto their topics, a webhook
 * as an HTTP call whose result goes back to the run (its commandId derives from the send's, so a
 * redelivered send is decided once).
 */
export function runDelivery(deps: Pick<RunWorkerDeps, 'runs' | 'bus' | 'metadata' | 'actor' | 'notify'>) {
  const publish = publishRunCommand(deps.bus, deps.actor);
  return async (command: Command): Promise<void> => {
    const sent = command as Command & RunSend;
    if (sent.type !== 'NotifyWebhook') return publish(sent);
    const outcome = await callWebhook(sent as Command & NotifyWebhook, deps.notify);
    const commandId = `notified:${outcome.commandId}`;
    await deps.runs.handle({
      type: 'NotifyOutcome',
      data: outcome,
      metadata: {
        now: deps.metadata.clock.now().toISOString(),
        newId: deps.metadata.newId(),
        actor: deps.actor,
        correlationId: command.metadata.correlationId,
        causationId: outcome.commandId,
        commandId,
      },
    });
  };
}

const asWorker = (name: string, loop: { start(): Promise<void>; stop(): Promise<void> }): Worker => ({
  name,
  start: () => loop.start(),
  stop: () => loop.stop(),
});

/** The runs' durable timers (timeouts, backoffs, waits) and their outbox, as service workers. */
export function runWorkers(deps: RunWorkerDeps): Worker[] {
  const { db, runs, metadata, databaseUrl, pollMs } = deps;
  const timers = new TimerRunner(db, {
    owner: runWorkflow.name,
    clock: metadata.clock,
    fire: firingInto(runs),
    databaseUrl,
    pollMs,
  });
  const outbox = new OutboxDispatcher(db, {
    sender: runWorkflow.name,
    clock: metadata.clock,
    databaseUrl,
    pollMs,
    deliver: runDelivery(deps),
  });
  return [asWorker('run-timers', timers), asWorker('run-outbox', outbox)];
}
