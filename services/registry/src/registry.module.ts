import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, ServiceMetrics } from '@ledger/platform';
import { REGISTRY, RegistryContext } from './registry.context';
import { CreateModelHttp } from './model/creating-model/create-model.http';
import { CreateModelConsumer } from './model/creating-model/create-model.consumer';
import { RegisterVersionHttp } from './model/registering-version/register-version.http';
import { RegisterVersionConsumer } from './model/registering-version/register-version.consumer';
import { GetModelHttp } from './model/getting-model/get-model.http';
import { ListVersionsHttp } from './model/listing-versions/list-versions.http';

export interface RegistryModuleOptions {
  registry: RegistryContext;
  metrics: ServiceMetrics;
  /** Consume ml.registry.commands (only when the app is connected to a bus). */
  consumers: boolean;
}

@Module({})
export class RegistryModule {
  static forRoot(options: RegistryModuleOptions): DynamicModule {
    const { registry, metrics } = options;
    return {
      module: RegistryModule,
      imports: [ObservabilityModule.forRoot({ service: 'registry', metrics, checks: { database: () => registry.db.query('SELECT 1') } })],
      controllers: [
        CreateModelHttp,
        RegisterVersionHttp,
        GetModelHttp,
        ListVersionsHttp,
        ...(options.consumers ? [CreateModelConsumer, RegisterVersionConsumer] : []),
      ],
      providers: [{ provide: REGISTRY, useValue: registry }],
    };
  }
}
