import { Command, CommandMetadata, MessageCatalog } from '@ledger/contracts';
import { NewEvent, StoredEvent } from '../event-log';
import { eventMetadata } from '../envelope';
import { Message, WorkflowOutput, WorkflowRecord } from '@ledger/contracts';

/** A record's role on the workflow stream, kept in the event's metadata as `workflow`. */
export type RecordRole = WorkflowRecord<Command, Message, Message>['kind'];

const BOOKKEEPING = {
  schedule: 'WorkflowTimerScheduled',
  cancel: 'WorkflowTimerCancelled',
  ignore: 'WorkflowInputIgnored',
} as const;

/**
 * For a relay on a log that holds workflow streams: only events a workflow published (and every
 * event that is no workflow's record) leave the service; recorded inputs, sends and timers are
 * the workflow's own bookkeeping.
 */
export const NOT_WORKFLOW_BOOKKEEPING = `coalesce(metadata->>'workflow', 'publish') = 'publish'`;

export interface RecordOptions {
  source: string;
  newEventId: () => string;
  /** Where published events' schema versions come from; types it does not know are version 1. */
  catalog?: MessageCatalog;
}

/** The input and the outputs decided on it, as events for the workflow's stream. */
export function recordsToEvents<I extends Command, C extends Message, E extends Message>(
  options: RecordOptions,
  input: I,
  outputs: WorkflowOutput<I, C, E>[],
): NewEvent[] {
  const base = eventMetadata(options.source, input.metadata);
  const toEvent = (role: RecordRole, message: Message, extra: object = {}): NewEvent => ({
    id: options.newEventId(),
    type: message.type,
    schemaVersion: options.catalog?.knows(message.type) ? schemaVersionOf(options.catalog, message.type) : 1,
    data: message.data,
    metadata: { ...base, workflow: role, ...extra },
  });
  return [
    toEvent('input', { type: input.type, data: input.data as Message['data'] }, { input: input.metadata }),
    ...outputs.map((output) => toEvent(output.kind, messageOf(output))),
  ];
}

function messageOf(output: WorkflowOutput<Command, Message, Message>): Message {
  switch (output.kind) {
    case 'send':
      return output.command;
    case 'publish':
      return output.event;
    case 'schedule':
      return { type: BOOKKEEPING.schedule, data: { ...output.timer } };
    case 'cancel':
      return { type: BOOKKEEPING.cancel, data: { timerId: output.timerId } };
    case 'ignore':
      return { type: BOOKKEEPING.ignore, data: { reason: output.reason } };
  }
}

/** A stored event of a workflow stream back as the record it was written from. */
export function eventToRecord<I extends Command, C extends Message, E extends Message>(
  event: StoredEvent,
): WorkflowRecord<I, C, E> {
  const message = { type: event.type, data: event.data };
  const role = event.metadata.workflow as RecordRole;
  switch (role) {
    case 'input':
      return { kind: 'input', input: { ...message, metadata: event.metadata.input as CommandMetadata } as I };
    case 'send':
      return { kind: 'send', command: message as C };
    case 'publish':
      return { kind: 'publish', event: message as E };
    case 'schedule':
      return { kind: 'schedule', timer: event.data as never };
    case 'cancel':
      return { kind: 'cancel', timerId: String(event.data.timerId) };
    case 'ignore':
      return { kind: 'ignore', reason: String(event.data.reason) };
    default:
      throw new Error(`event ${event.id} on ${event.streamId} is not a workflow record`);
  }
}

function schemaVersionOf(catalog: MessageCatalog, type: string): number {
  return catalog.definitions().find((d) => d.type === type)?.schemaVersion ?? 1;
}
