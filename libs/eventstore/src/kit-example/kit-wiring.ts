// The kit example wired as a service would wire it: the reminder workflow, its timers, its
// outbox drained into the mailbox aggregate. Shared by the integration test and the crash worker.
import { DataSource } from 'typeorm';
import { Command } from '@ledger/contracts';
import { CommandHandler } from '../command-handler';
import { newId } from '../ids';
import { Clock } from '../time/clock';
import { TimerRunner } from '../timers/timer-runner';
import { firingInto } from '../workflows/workflow-inputs';
import { OutboxDispatcher } from '../workflows/outbox-dispatcher';
import { WorkflowRunner } from '../workflows/workflow-runner';
import { kitCatalog, mailbox, mailboxStreamId, Notify } from './mailbox';
import { reminderWorkflow } from './reminder.workflow';

export type KitServices = ReturnType<typeof kitServices>;

export function kitServices(db: DataSource, clock: Clock, databaseUrl: string, pollMs = 1_000) {
  const mailboxes = new CommandHandler(db, { decider: mailbox, source: 'kit', catalog: kitCatalog, newEventId: newId });
  const reminders = new WorkflowRunner(db, reminderWorkflow, { source: 'kit', newEventId: newId, catalog: kitCatalog });
  const timers = new TimerRunner(db, {
    owner: reminderWorkflow.name,
    clock,
    fire: firingInto(reminders),
    databaseUrl,
    pollMs,
  });
  const outbox = new OutboxDispatcher(db, {
    sender: reminderWorkflow.name,
    clock,
    databaseUrl,
    pollMs,
    deliver: async (command: Command) =>
      void (await mailboxes.handle(mailboxStreamId((command as Notify).data.userId), command as Notify)),
  });
  return {
    mailboxes,
    reminders,
    timers,
    outbox,
    start: async () => {
      await timers.start();
      await outbox.start();
    },
    stop: async () => {
      await timers.stop();
      await outbox.stop();
    },
  };
}
