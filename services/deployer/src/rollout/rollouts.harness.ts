// Test harness: the deployer on a private PostgreSQL bus with a ManualClock, a stand-in for the
// serving service (its outcomes published by the test, its metrics route a tiny HTTP server
// answering what the test wants), and an observer of what the deployer sends and publishes.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CommandEnvelope, Envelope, Topics } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { Bus, createBus } from '@ledger/messaging';
import { freshDatabaseUrl } from '@ledger/testing';
import { startService } from '@ledger/platform';
import { deployerService, RunningDeployer } from '../deployer.service';
import type { VersionMetrics } from '../runtime/deployment-runtime';

export interface DeployerHarness {
  clock: ManualClock;
  bus: Bus;
  deployer: RunningDeployer;
  /** Commands the deployer put on ml.serving.commands, in order. */
  commands: CommandEnvelope[];
  /** Events on ml.deployer.events, in order. */
  events: Envelope[];
  /** What the stand-in serving reports per version for the next metrics read. */
  metrics: VersionMetrics[];
  /** Publishes a serving event on ml.serving.events, as serving would. */
  serving(type: string, data: Record<string, unknown>): Promise<Envelope>;
  /** Publishes an event again, as a redelivering bus would. */
  republish(envelope: Envelope): Promise<void>;
  /** Closes the deployer and starts it again on the same database (the kill/resume case). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function metricsServer(harness: { metrics: VersionMetrics[] }): Promise<Server> {
  const server = createServer((request, response) => {
    const ok = /^\/api\/v1\/environments\/[^/]+\/models\/[^/]+\/metrics\?windowSeconds=\d+$/.test(request.url ?? '');
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { versions: harness.metrics } : { error_code: 'RESOURCE_DOES_NOT_EXIST' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function deployerHarness(label: string): Promise<DeployerHarness> {
  const clock = new ManualClock('2026-11-22T12:00:00.000Z');
  const bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl(`${label}_bus`), clientId: label });
  await bus.ensureTopics([Topics.servingCommands, Topics.servingEvents, Topics.deployerEvents]);
  const state = { metrics: [] as VersionMetrics[] };
  const server = await metricsServer(state);
  const servingUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const databaseUrl = freshDatabaseUrl(label);
  const start = () =>
    startService(deployerService, {
      databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: ['error', 'warn'],
      processMetrics: false,
      bus,
      clock,
      servingUrl,
    });
  const commands: CommandEnvelope[] = [];
  const events: Envelope[] = [];
  const observer = await bus.subscribe({
    consumer: `${label}-observer`,
    topics: [Topics.servingCommands, Topics.deployerEvents],
    handle: async (message) => {
      const parsed = JSON.parse(message.value);
      if (message.topic === Topics.servingCommands) commands.push(parsed);
      else events.push(parsed);
    },
  });
  const harness: DeployerHarness = {
    clock,
    bus,
    deployer: await start(),
    commands,
    events,
    get metrics() {
      return state.metrics;
    },
    set metrics(value) {
      state.metrics = value;
    },
    async serving(type, data) {
      const envelope: Envelope = {
        id: randomUUID(),
        type,
        schemaVersion: 1,
        source: 'serving',
        streamId: `serving-${data.environment}-${data.name}`,
        streamVersion: 1,
        occurredAt: clock.now().toISOString(),
        actor: { id: 'serving', kind: 'service' },
        correlationId: randomUUID(),
        causationId: null,
        data,
      };
      await harness.republish(envelope);
      return envelope;
    },
    async republish(envelope) {
      const message = { topic: Topics.servingEvents, key: String(envelope.data.name), value: JSON.stringify(envelope) };
      await bus.publish([{ ...message, headers: { type: envelope.type } }]);
    },
    async restart() {
      await harness.deployer.close();
      harness.deployer = await start();
    },
    async close() {
      await observer.stop();
      await harness.deployer.close();
      await bus.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return harness;
}
