import { identityAccess, OPEN_ACCESS, securityLog, securityLogHttp } from '../auth/access';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  loadOffsets,
  migrate,
  newId,
  openDatabase,
  ProjectionRunner,
  rebuildChangedInline,
  Relay,
  systemClock,
} from '@ledger/eventstore';
import { connectBus, scopeToConsumer } from '@ledger/messaging';
import { bootstrapHttp } from '../http/bootstrap';
import { provideMetadataSource } from '../http/command-metadata.http';
import { createServiceMetrics, ServiceMetrics } from '../http/metrics';
import { ObservabilityModule } from '../http/observability.module';
import { ServiceDefinition, ServiceHost, StartServiceOptions } from './service-definition';
import { startRelay } from './start-relay';
import { projectionControlOf, startProjections } from './start-projections';
import { projectionsHttp } from './projections.http';
import { ProjectionControl } from './projection-control';
import { WhoAmIHttp } from '../auth/whoami.http';
import { withAuthentication } from './with-authentication';

export interface RunningService<Context> {
  name: string;
  url: string;
  app: NestExpressApplication;
  db: DataSource;
  metrics: ServiceMetrics;
  context: Context;
  runner?: ProjectionRunner;
  relay?: Relay;
  close(): Promise<void>;
}

/**
 * Opens the service's database, migrates, rebuilds changed inline read models, starts HTTP, the
 * bus consumers, the relay, the projection runner and the workers — and closes all of that in
 * reverse order, also when a step of the start fails, so a failed start leaves nothing open.
 * With `auth: 'on'` the service also keeps an identity read model and authenticates every
 * request but the open ones (withAuthentication).
 */
export async function startService<Context, Config>(
  service: ServiceDefinition<Context, Config>,
  options: StartServiceOptions & Config,
): Promise<RunningService<Context>> {
  const definition = withAuthentication(service, options);
  const stack: (() => Promise<unknown>)[] = [];
  const close = closer(stack);
  try {
    const db = await openDatabase({ url: options.databaseUrl });
    stack.push(() => (db.isInitialized ? db.destroy() : Promise.resolve()));
    await prepareDatabase(definition, db);
    const host = hostFor(definition, options, db);
    const context = await definition.context(host, options);
    const projections = projectionControlOf(definition, context, host);
    const app = await createApp(definition, context, host, options, projections);
    stack.push(() => app.close());
    definition.http.prepare?.(app, context, host);
    const url = await bootstrapHttp(app, {
      ...definition.http,
      version: definition.http.version ?? '0.1.0',
      port: options.port,
      host: options.host,
      shutdownHooks: options.shutdownHooks ?? false,
      metrics: host.metrics,
      authenticated: options.auth === 'on',
      denials: host.denials,
    });
    const relay = await startBusSide(definition, host, app, stack);
    const runner = await startProjections(definition.name, projections, host, stack);
    for (const worker of definition.workers?.(context, host) ?? []) {
      await worker.start();
      stack.push(() => worker.stop());
    }
    return { name: definition.name, url, app, db, metrics: host.metrics, context, runner, relay, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function prepareDatabase(definition: ServiceDefinition<unknown, never>, db: DataSource): Promise<void> {
  await migrate(db, definition.migrations);
  const rebuilt = await rebuildChangedInline(db, definition.inline ?? []);
  if (rebuilt.length > 0)
    new Logger(definition.name).log(`rebuilt read models whose definition changed: ${rebuilt.join(', ')}`);
}

function hostFor(
  definition: ServiceDefinition<unknown, never>,
  options: StartServiceOptions,
  db: DataSource,
): ServiceHost {
  return {
    name: definition.name,
    db,
    databaseUrl: options.databaseUrl,
    metrics: options.metrics ?? createServiceMetrics(definition.name, { processMetrics: options.processMetrics }),
    metadata: { clock: options.clock ?? systemClock, newId: options.newId ?? newId },
    bus: options.bus,
    access: options.auth === 'on' ? identityAccess(db) : OPEN_ACCESS,
    denials: options.auth === 'on' ? securityLog(db) : async () => undefined,
  };
}

async function createApp<Context>(
  definition: ServiceDefinition<Context, never>,
  context: Context,
  host: ServiceHost,
  options: StartServiceOptions,
  projections: ProjectionControl,
): Promise<NestExpressApplication> {
  const consumers = host.bus ? (definition.consumers?.(context, host) ?? []) : [];
  for (const { consumer, controllers } of consumers) scopeToConsumer(consumer, controllers);
  const root: DynamicModule = {
    module: class ServiceRoot {},
    imports: [
      ObservabilityModule.forRoot({
        service: definition.name,
        metrics: host.metrics,
        checks: { database: () => host.db.query('SELECT 1') },
      }),
      definition.module(context, host),
    ],
    controllers: [
      WhoAmIHttp,
      ...(options.auth === 'on' ? [securityLogHttp(host.db)] : []),
      ...(projections.all.length > 0 ? [projectionsHttp(projections)] : []),
      ...consumers.flatMap((c) => c.controllers),
    ],
  };
  Module({})(root.module);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    abortOnError: false,
  });
  app.use(provideMetadataSource(host.metadata));
  for (const { consumer, topics } of consumers) {
    connectBus(app, {
      bus: host.bus!,
      consumer,
      topics,
      storedOffsets: (topic) => loadOffsets(host.db, consumer, topic),
    });
  }
  return app;
}

async function startBusSide(
  definition: ServiceDefinition<unknown, never>,
  host: ServiceHost,
  app: NestExpressApplication,
  stack: (() => Promise<unknown>)[],
): Promise<Relay | undefined> {
  if (!host.bus) return undefined;
  await app.startAllMicroservices();
  if (!definition.relay) return undefined;
  const relay = await startRelay({
    ...definition.relay,
    name: definition.relay.name ?? `${definition.name}.events`,
    db: host.db,
    databaseUrl: host.databaseUrl,
    bus: host.bus,
    metrics: host.metrics,
  });
  stack.push(() => relay.stop());
  return relay;
}

/**
 * Stops taking work first (workers, projections, relay, HTTP and consumers), then releases the
 * database; safe to call twice. A step that fails to stop does not keep the rest open: the
 * first failure is reported once everything else has been stopped.
 */
function closer(stack: (() => Promise<unknown>)[]): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      const failures: unknown[] = [];
      for (let stop = stack.pop(); stop; stop = stack.pop())
        await stop().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    })());
}
