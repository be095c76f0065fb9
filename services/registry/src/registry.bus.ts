import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { envelopeHeaders, Topics } from '@ledger/contracts';
import { loadOffsets, NOT_INBOX, Relay, StoredEvent, toEnvelope } from '@ledger/eventstore';
import { Bus, connectBus } from '@ledger/messaging';
import { ServiceMetrics } from '@ledger/platform';
import { Counter, Gauge } from 'prom-client';
import { REGISTRY_COMMANDS_CONSUMER } from './bus-commands';

export const REGISTRY_RELAY = 'registry.events';

/** Registry events on the wire: keyed by model id, so one model's events stay in order. */
export function registryEventMessage(event: StoredEvent) {
  const envelope = toEnvelope(event);
  return { topic: Topics.registryEvents, key: String(event.data.modelId), value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
}

/** Consumes ml.registry.commands through the app's @EventPattern handlers. */
export function connectRegistryCommands(app: INestApplication, db: DataSource, bus: Bus): void {
  connectBus(app, {
    bus,
    consumer: REGISTRY_COMMANDS_CONSUMER,
    topics: [Topics.registryCommands],
    storedOffsets: (topic) => loadOffsets(db, REGISTRY_COMMANDS_CONSUMER, topic),
  });
}

/** Publishes this service's own log (never its inbox) to ml.registry.events. */
export function createRegistryRelay(db: DataSource, bus: Bus, databaseUrl: string, metrics: ServiceMetrics): Relay {
  const logger = new Logger('RegistryRelay');
  const published = new Counter({ name: 'ledger_relay_published_total', help: 'Events the relay published', labelNames: ['relay'], registers: [metrics.registry] });
  const errors = new Counter({ name: 'ledger_relay_errors_total', help: 'Relay batches that failed and will be retried', labelNames: ['relay'], registers: [metrics.registry] });
  const relay: Relay = new Relay(db, bus, {
    name: REGISTRY_RELAY,
    databaseUrl,
    toMessage: registryEventMessage,
    filter: NOT_INBOX,
    onPublished: (count) => published.inc({ relay: REGISTRY_RELAY }, count),
    onError: (error) => {
      errors.inc({ relay: REGISTRY_RELAY });
      logger.warn(`publishing failed, retrying: ${(error as Error).message}`);
    },
  });
  exposeRelayLag(relay, metrics);
  return relay;
}

/** Read at scrape time: alert when the oldest unpublished event keeps ageing (a stuck relay or a transaction left open). */
function exposeRelayLag(relay: Relay, metrics: ServiceMetrics): void {
  const gauges: [string, string, (lag: Awaited<ReturnType<Relay['lag']>>) => number][] = [
    ['ledger_relay_unpublished_events', 'Events committed to the log and not yet published (capped at 100000)', (lag) => lag.events],
    ['ledger_relay_oldest_unpublished_seconds', 'How long the oldest unpublished event has waited (0 when none)', (lag) => lag.oldestSeconds],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      labelNames: ['relay'],
      registers: [metrics.registry],
      async collect() {
        this.set({ relay: REGISTRY_RELAY }, read(await relay.lag()));
      },
    });
  }
}
