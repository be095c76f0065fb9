import { EntityManager } from 'typeorm';
import { Command, Envelope } from '@ledger/contracts';
import { DueTimer } from '../timers/timer-runner';
import { Message } from '@ledger/contracts';
import { WorkflowRunner } from './workflow-runner';

/**
 * Another service's event as a workflow input. Its time is when it occurred and its commandId is
 * its event id, so a redelivery is the same input, decided on (or skipped) the same way.
 */
export function inputFromEvent<I extends Command>(envelope: Envelope): I {
  return {
    type: envelope.type,
    data: envelope.data,
    metadata: {
      now: envelope.occurredAt,
      newId: envelope.id,
      actor: envelope.actor,
      correlationId: envelope.correlationId,
      causationId: envelope.id,
      commandId: envelope.id,
    },
  } as I;
}

/** A fired timer as the input it was set to deliver, in the flow that set it. */
export function inputFromTimer<I extends Command>(timer: DueTimer): I {
  const payload = timer.payload as { input: Pick<I, 'type' | 'data'>; correlationId: string };
  return {
    ...payload.input,
    metadata: {
      now: timer.firedAt.toISOString(),
      newId: timer.timerId,
      actor: { id: `timer:${timer.owner}`, kind: 'service' },
      correlationId: payload.correlationId,
      causationId: timer.timerId,
      commandId: timer.commandId,
    },
  } as I;
}

/** A TimerRunner's `fire` for a workflow: the timer's input is decided in the firing's transaction (exactly once). */
export function firingInto<I extends Command, C extends Message, E extends Message, S>(
  runner: WorkflowRunner<I, C, E, S>,
) {
  return async (tx: EntityManager, timer: DueTimer): Promise<void> => {
    await runner.handleIn(tx, timer.streamId, inputFromTimer<I>(timer));
  };
}
