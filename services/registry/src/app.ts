import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { Topics } from '@ledger/contracts';
import { migrate, openDatabase, rebuildChangedInline, Relay } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { bootstrapHttp, createServiceMetrics, ServiceMetrics } from '@ledger/platform';
import { createRegistryContext, registryMigrations, registryProjections } from './registry.context';
import { CommandConfigInput, commandSettings } from './command-settings';
import { RegistryModule } from './registry.module';
import { MLFLOW_ERROR_DIALECT } from './mlflow/mlflow-errors.http';
import { connectRegistryCommands, createRegistryRelay } from './registry.bus';
import { ArtifactsConfigInput, artifactsSettings } from './artifacts/artifacts.config';
import { createArtifactsContext } from './artifacts/storing/artifacts.context';
import { artifactMigrations } from './artifacts/storing/version-artifacts.table';
import { mountArtifactUpload } from './artifacts/uploading-artifact/upload-artifact';

export interface RegistryConfig extends ArtifactsConfigInput, CommandConfigInput {
  databaseUrl: string;
  port: number;
  host?: string;
  /** With a bus: consume ml.registry.commands and relay the log to ml.registry.events. */
  bus?: Bus;
  /** Shared with the bus adapter so its DLQ counter shows on this service's /metrics. */
  metrics?: ServiceMetrics;
  processMetrics?: boolean;
  logger?: LogLevel[] | false;
  /** Off by default: the process that runs the registry (main.ts, all-in-one) owns the signals. */
  shutdownHooks?: boolean;
}

export interface RunningRegistry {
  app: NestExpressApplication;
  url: string;
  db: DataSource;
  metrics: ServiceMetrics;
  close(): Promise<void>;
}

export async function createRegistryApp(config: RegistryConfig): Promise<RunningRegistry> {
  const db = await openDatabase({ url: config.databaseUrl });
  let app: NestExpressApplication | undefined;
  try {
    await migrate(db, [...registryMigrations, ...artifactMigrations]);
    const rebuilt = await rebuildChangedInline(db, registryProjections);
    if (rebuilt.length > 0) new Logger('Registry').log(`rebuilt read models whose definition changed: ${rebuilt.join(', ')}`);
    const metrics = config.metrics ?? createServiceMetrics('registry', { processMetrics: config.processMetrics });
    const registry = createRegistryContext(db, commandSettings(config, process.env));
    const artifacts = createArtifactsContext(registry, metrics, artifactsSettings(config, process.env));
    const module = RegistryModule.forRoot({ registry, metrics, consumers: Boolean(config.bus), artifacts });
    app = await NestFactory.create<NestExpressApplication>(module, { logger: config.logger ?? ['error', 'warn', 'log'], abortOnError: false });
    if (config.bus) connectRegistryCommands(app, db, config.bus);
    // Before bootstrapHttp: the upload streams its raw body, ahead of the JSON gate and parsers.
    mountArtifactUpload(app, metrics);
    const url = await bootstrapHttp(app, {
      title: 'Model Ledger registry',
      description: 'Registered models and their versions. Every change is an event in the registry log.',
      version: '0.1.0',
      port: config.port,
      host: config.host,
      shutdownHooks: config.shutdownHooks ?? false,
      shedsWrites: true,
      metrics,
      errorDialects: [MLFLOW_ERROR_DIALECT],
    });
    const relay = config.bus ? await startBus(app, db, config.bus, config.databaseUrl, metrics) : undefined;
    return { app, url, db, metrics, close: closer(app, db, relay) };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

async function startBus(app: NestExpressApplication, db: DataSource, bus: Bus, databaseUrl: string, metrics: ServiceMetrics): Promise<Relay> {
  await app.startAllMicroservices();
  await bus.ensureTopics([Topics.registryEvents]);
  const relay = createRegistryRelay(db, bus, databaseUrl, metrics);
  await relay.start();
  return relay;
}

/** Stops taking work first (relay, HTTP, consumer), then releases the database; safe to call twice. */
function closer(app: NestExpressApplication, db: DataSource, relay?: Relay): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      await relay?.stop();
      await app.close();
      if (db.isInitialized) await db.destroy();
    })());
}
