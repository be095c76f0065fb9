// Serving on a private PostgreSQL bus with a recording runtime, for the integration tests.
import { dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { DLQ_HEADERS } from '@ledger/messaging';
import { serviceOnBus, ServiceOnBus } from '@ledger/testing';
import { RecordingRuntime } from './runtime/recording-runtime.fixture';
import { ServingContext, servingService } from './serving.service';

export const SHA_GOOD = 'a'.repeat(64);
export const SHA_MISSING = 'f'.repeat(64);

export interface ServingUnderTest extends ServiceOnBus<ServingContext> {
  runtime: RecordingRuntime;
  /** The serving events the relay published, in order, as envelopes. */
  published(type?: string): Envelope[];
  /** Commands that went to the DLQ, with the reason the consumer gave. */
  deadLetters(): { type: string; error: string }[];
  /** Events of one type in serving's own log. */
  logged(type: string): Promise<{ data: Record<string, unknown> }[]>;
}

export async function servingUnderTest(label: string): Promise<ServingUnderTest> {
  const runtime = new RecordingRuntime();
  runtime.failLoadsOf(SHA_MISSING);
  const harness = await serviceOnBus(servingService, {
    label,
    actorId: 'deployer',
    commandTopic: Topics.servingCommands,
    observe: [Topics.servingEvents, dlqTopic(Topics.servingCommands)],
    config: { runtime: () => runtime },
  });
  const on = (topic: string) => harness.seen.filter((m) => m.topic === topic);
  return {
    ...harness,
    runtime,
    published: (type) =>
      on(Topics.servingEvents)
        .map((m) => JSON.parse(m.value) as Envelope)
        .filter((e) => type === undefined || e.type === type),
    deadLetters: () =>
      on(dlqTopic(Topics.servingCommands)).map((m) => ({
        type: (JSON.parse(m.value) as { type: string }).type,
        error: m.headers[DLQ_HEADERS.error],
      })),
    logged: (type) =>
      harness.t.service.db.query(`SELECT data FROM events WHERE event_type = $1 ORDER BY global_position`, [type]),
  };
}
