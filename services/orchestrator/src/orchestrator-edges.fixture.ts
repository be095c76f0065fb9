// The orchestrator on a private PostgreSQL bus, with helpers to publish other services' events
// and to read a run's stream: the inputs that reached it (the runner records every input, even
// one the workflow ignores) and the events the run published.
import { DEFAULT_PIPELINE, Envelope, envelopeHeaders } from '@ledger/contracts';
import { Clock } from '@ledger/eventstore';
import { Bus, createBus, IncomingMessage } from '@ledger/messaging';
import { startService } from '@ledger/platform';
import { eventually, freshDatabaseUrl, ServiceUnderTest } from '@ledger/testing';
import { OrchestratorConfig, orchestratorService, RunningOrchestrator } from './orchestrator.service';
import type { OrchestratorContext } from './orchestrator.context';
import { RUN_COMMAND_DLQS, RUN_COMMAND_TOPICS } from './run/routing-inputs/dead-letters';
import { runStreamId } from './run/run-messages';

export interface RecordedInput {
  type: string;
  data: Record<string, unknown>;
  metadata: { correlationId: string; causationId: string | null; commandId: string };
}

export interface PublishedEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface OrchestratorOnBus {
  service: RunningOrchestrator;
  bus: Bus;
  /** Every message seen on the runs' command topics and their DLQs, in arrival order. */
  seen: IncomingMessage[];
  api: ServiceUnderTest<OrchestratorContext>['api'];
  /** Publishes events as their service does: on its topic, keyed by model name. */
  publishEvents(topic: string, ...events: Envelope[]): Promise<void>;
  /** Publishes raw messages (a DLQ's, a command). */
  publishRaw(topic: string, value: unknown, headers?: Record<string, string>): Promise<void>;
  /** The inputs recorded on a run's stream, in order. */
  inputsOf(runId: string): Promise<RecordedInput[]>;
  /** The run's inputs once there are `count` of them (fails when more arrive: each is decided once). */
  inputsReaching(runId: string, count: number): Promise<RecordedInput[]>;
  /** The events a run published, in order. */
  eventsOf(runId: string): Promise<PublishedEvent[]>;
  /** The run's events once one of this type (and data) is among them. */
  eventsReaching(runId: string, type: string, data?: Record<string, unknown>): Promise<PublishedEvent[]>;
  /** The router's slot of a run: queued, running, failed or ended (undefined: it knows no such run). */
  slotOf(runId: string): Promise<string | undefined>;
  /** Stops the service and starts it again on the same database and bus. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function orchestratorOnBus(
  label: string,
  options: { clock?: Clock; config?: OrchestratorConfig; pipeline?: Record<string, unknown> } = {},
): Promise<OrchestratorOnBus> {
  const bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl(`${label}_bus`), clientId: label });
  const databaseUrl = freshDatabaseUrl(label);
  const start = () =>
    startService(orchestratorService, {
      ...options.config,
      databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: ['error', 'warn'],
      processMetrics: false,
      bus,
      clock: options.clock,
    });
  let service = await start();
  // The built-in pipeline runs only when started: declared for every model, it runs on VersionCreated too.
  const automatic = { ...DEFAULT_PIPELINE, triggers: [{ on: 'VersionCreated' }, { on: 'manual' }] };
  const defined = await fetch(`${service.url}/api/v1/pipelines/*`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...automatic, ...options.pipeline }),
  });
  if (defined.status !== 200)
    throw new Error(`defining the default pipeline: ${defined.status} ${await defined.text()}`);
  const observed = [...RUN_COMMAND_TOPICS, ...RUN_COMMAND_DLQS];
  await bus.ensureTopics(observed);
  const seen: IncomingMessage[] = [];
  const observer = await bus.subscribe({
    consumer: `${label}-observer`,
    topics: observed,
    handle: async (message) => void seen.push(message),
  });
  const db = () => service.db;
  const inputsOf = async (runId: string): Promise<RecordedInput[]> => {
    const rows: { type: string; data: Record<string, unknown>; metadata: { input: RecordedInput['metadata'] } }[] =
      await db().query(
        `SELECT event_type AS type, data, metadata FROM events
         WHERE stream_id = $1 AND metadata->>'workflow' = 'input' ORDER BY stream_position`,
        [runStreamId(runId)],
      );
    return rows.map((r) => ({ type: r.type, data: r.data, metadata: r.metadata.input }));
  };
  const eventsOf = async (runId: string): Promise<PublishedEvent[]> =>
    db().query(
      `SELECT event_type AS type, data FROM events
       WHERE stream_id = $1 AND metadata->>'workflow' = 'publish' ORDER BY stream_position`,
      [runStreamId(runId)],
    );
  return {
    get service() {
      return service;
    },
    bus,
    seen,
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${service.url}${path}`, {
        method,
        body: body === undefined || typeof body === 'string' ? (body as string | undefined) : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: json && text ? JSON.parse(text) : text };
    },
    publishEvents: (topic, ...events) =>
      bus.publish(
        events.map((e) => ({
          topic,
          key: String(e.data.name ?? 'churn'),
          value: JSON.stringify(e),
          headers: envelopeHeaders(e),
        })),
      ),
    publishRaw: (topic, value, headers = {}) =>
      bus.publish([{ topic, key: 'churn', value: JSON.stringify(value), headers }]),
    inputsOf,
    async inputsReaching(runId, count) {
      const found = await eventually(async () => {
        const inputs = await inputsOf(runId);
        if (inputs.length < count) throw new Error(`run ${runId} has ${inputs.length} inputs, waiting for ${count}`);
        return inputs;
      });
      expect(found).toHaveLength(count);
      return found;
    },
    eventsOf,
    eventsReaching: (runId, type, data = {}) =>
      eventually(async () => {
        const events = await eventsOf(runId);
        expect(events).toContainEqual(expect.objectContaining({ type, data: expect.objectContaining(data) }));
        return events;
      }),
    async slotOf(runId) {
      const rows: { status: string }[] = await db().query(`SELECT status FROM router_runs WHERE run_id = $1`, [runId]);
      return rows[0]?.status;
    },
    async restart() {
      await service.close();
      service = await start();
    },
    async close() {
      await observer.stop();
      await service.close();
      await bus.close();
    },
  };
}
