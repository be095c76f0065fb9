import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Topics } from '@ledger/contracts';
import { loadOffsets, migrate, openDatabase, ProjectionRunner } from '@ledger/eventstore';
import { Bus, connectBus } from '@ledger/messaging';
import { bootstrapHttp, createServiceMetrics } from '@ledger/platform';
import { ValidatorModule } from './validator.module';
import { VERSIONS_AWAITING_VALIDATION_MIGRATION, versionsAwaitingValidation } from './version/getting-versions-awaiting-validation/versions-awaiting-validation.projection';

export interface ValidatorConfig {
  databaseUrl: string;
  port: number;
  host?: string;
  bus: Bus;
  processMetrics?: boolean;
}

export const VALIDATOR_CONSUMER = 'validator.registry-events';
export const validatorProjections = [versionsAwaitingValidation];

export interface RunningValidator {
  url: string;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/** The validator: consumes registry events into its own log and projects its read models. */
export async function createValidatorApp(config: ValidatorConfig): Promise<RunningValidator> {
  const db = await openDatabase({ url: config.databaseUrl });
  await migrate(db, [VERSIONS_AWAITING_VALIDATION_MIGRATION]);
  const metrics = createServiceMetrics('validator', { processMetrics: config.processMetrics });
  const app = await NestFactory.create<NestExpressApplication>(ValidatorModule.forRoot(db, metrics), { logger: ['error', 'warn'] });
  connectBus(app, {
    bus: config.bus,
    consumer: VALIDATOR_CONSUMER,
    topics: [Topics.registryEvents],
    storedOffsets: (topic) => loadOffsets(db, VALIDATOR_CONSUMER, topic),
  });
  const url = await bootstrapHttp(app, { title: 'Model Ledger validator', version: '0.1.0', port: config.port, host: config.host, shutdownHooks: false });
  await app.startAllMicroservices();
  const runner = new ProjectionRunner(db, validatorProjections, {
    databaseUrl: config.databaseUrl,
    onError: (projection, error) => console.error(`projection ${projection} failed`, error),
  });
  await runner.start();
  return {
    url,
    runner,
    close: async () => {
      await runner.stop();
      await app.close();
      await db.destroy();
    },
  };
}
