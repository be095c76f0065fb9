import { z } from 'zod';
import {
  CommandEnvelopeSchema,
  defineMessage,
  dlqTopic,
  Envelope,
  MessageCatalog,
  stableId,
  Topics,
} from '@ledger/contracts';
import { DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { RUN_COMMAND_PREFIX } from '../run-messages';

/** The command topics the runs send to: a refusal there lands in their DLQ. */
export const RUN_COMMAND_TOPICS = [Topics.registryCommands, Topics.validatorCommands, Topics.deployerCommands];
export const RUN_COMMAND_DLQS = RUN_COMMAND_TOPICS.map(dlqTopic);
/** What a run sends onto those topics (the DLQ message keeps its command's type). */
export const RUN_COMMAND_TYPES = [
  'TransitionModelVersionStage',
  'SetModelAlias',
  'DeleteModelAlias',
  'ValidateModelVersion',
  'DeployModelVersion',
];

/**
 * One of the runs' commands went to its topic's DLQ: an orchestrator-internal inbox record (never
 * published: relays skip inbox streams), so the router hands the refusal to its run from the log.
 */
export const CommandDeadLettered = defineMessage({
  type: 'CommandDeadLettered',
  schemaVersion: 1,
  description: "One of the orchestrator's commands was moved to its topic's DLQ by the service that consumes it.",
  schema: z.object({
    commandId: z.string(),
    commandType: z.string(),
    topic: z.string(),
    error: z.string(),
  }),
});
export type CommandDeadLetteredData = z.infer<typeof CommandDeadLettered.schema>;
export const deadLetterCatalog = new MessageCatalog([CommandDeadLettered]);

/** A dead-lettered command of a run as its inbox record; undefined for anyone else's command. */
export function deadLetterRecord(message: IncomingMessage, payload: unknown, occurredAt: string): Envelope | undefined {
  const parsed = CommandEnvelopeSchema.safeParse(payload);
  if (!parsed.success || !parsed.data.commandId.startsWith(RUN_COMMAND_PREFIX)) return undefined;
  const command = parsed.data;
  const topic = message.headers[DLQ_HEADERS.topic] ?? message.topic.replace(/\.dlq$/, '');
  const data: CommandDeadLetteredData = {
    commandId: command.commandId,
    commandType: command.type,
    topic,
    error: message.headers[DLQ_HEADERS.error] ?? 'refused (no reason given)',
  };
  return {
    // The same command dead-lettered again (a redelivered DLQ message) is the same record.
    id: stableId(`dead-letter:${topic}:${command.commandId}`),
    type: CommandDeadLettered.type,
    schemaVersion: 1,
    source: 'orchestrator',
    streamId: `dlq-${topic}`,
    streamVersion: 1,
    occurredAt,
    actor: { id: 'orchestrator', kind: 'service' },
    correlationId: command.correlationId ?? command.commandId,
    causationId: command.commandId,
    data,
  };
}
