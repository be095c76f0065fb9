import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { envelopeHeaders } from '@ledger/contracts';
import { NOT_INBOX, NOT_WORKFLOW_BOOKKEEPING, Relay, StoredEvent, toEnvelope } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { Counter, Gauge } from 'prom-client';
import { ServiceMetrics } from '../http/metrics';

export interface RelaySpec {
  /** The topic this service's own events go to, e.g. ml.registry.events. */
  topic: string;
  /** The Kafka key: one aggregate's events share it, so their order holds end to end. */
  keyOf(event: StoredEvent): string;
  /** Other topics the service writes to (its workflows' commands to other services), created with it. */
  alsoWrites?: string[];
  /** The relay's checkpoint name (default `<service>.events`); a service that had its own keeps it. */
  name?: string;
}

export interface StartRelayOptions extends RelaySpec {
  name: string;
  db: DataSource;
  databaseUrl: string;
  bus: Bus;
  metrics: ServiceMetrics;
}

/**
 * Publishes this service's own log to its topic, with counters and lag gauges: never its inbox,
 * and of its workflows only what they published — their recorded inputs, sends and timers stay home.
 */
export async function startRelay(options: StartRelayOptions): Promise<Relay> {
  const { name, topic, keyOf, metrics } = options;
  const logger = new Logger(`Relay ${name}`);
  const published = new Counter({
    name: 'ledger_relay_published_total',
    help: 'Events the relay published',
    labelNames: ['relay'],
    registers: [metrics.registry],
  });
  const errors = new Counter({
    name: 'ledger_relay_errors_total',
    help: 'Relay batches that failed and will be retried',
    labelNames: ['relay'],
    registers: [metrics.registry],
  });
  const relay: Relay = new Relay(options.db, options.bus, {
    name,
    databaseUrl: options.databaseUrl,
    toMessage: (event) => {
      const envelope = toEnvelope(event);
      return { topic, key: keyOf(event), value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
    },
    filter: `${NOT_INBOX} AND ${NOT_WORKFLOW_BOOKKEEPING}`,
    onPublished: (count) => published.inc({ relay: name }, count),
    onError: (error) => {
      errors.inc({ relay: name });
      logger.warn(`publishing failed, retrying: ${(error as Error).message}`);
    },
  });
  exposeRelayLag(name, relay, metrics);
  await options.bus.ensureTopics([topic, ...(options.alsoWrites ?? [])]);
  await relay.start();
  return relay;
}

/** Read at scrape time: alert when the oldest unpublished event keeps ageing (a stuck relay or a transaction left open). */
function exposeRelayLag(name: string, relay: Relay, metrics: ServiceMetrics): void {
  const gauges: [string, string, (lag: Awaited<ReturnType<Relay['lag']>>) => number][] = [
    [
      'ledger_relay_unpublished_events',
      'Events committed to the log and not yet published (capped at 100000)',
      (lag) => lag.events,
    ],
    [
      'ledger_relay_oldest_unpublished_seconds',
      'How long the oldest unpublished event has waited (0 when none)',
      (lag) => lag.oldestSeconds,
    ],
  ];
  for (const [metric, help, read] of gauges) {
    new Gauge({
      name: metric,
      help,
      labelNames: ['relay'],
      registers: [metrics.registry],
      async collect() {
        this.set({ relay: name }, read(await relay.lag()));
      },
    });
  }
}
