import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ObservabilityModule, ServiceMetrics } from '@ledger/platform';
import { RegistryEventsConsumer } from './version/receiving-registry-events/registry-events.consumer';
import { VersionsAwaitingValidationController } from './version/getting-versions-awaiting-validation/versions-awaiting-validation.http';

@Module({})
export class ValidatorModule {
  static forRoot(db: DataSource, metrics: ServiceMetrics): DynamicModule {
    return {
      module: ValidatorModule,
      imports: [ObservabilityModule.forRoot({ service: 'validator', metrics, checks: { database: () => db.query('SELECT 1') } })],
      controllers: [VersionsAwaitingValidationController, RegistryEventsConsumer],
      providers: [{ provide: DataSource, useValue: db }],
    };
  }
}
