import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, ServiceMetrics } from '@ledger/platform';
import { REGISTRY, RegistryContext } from './registry.context';
import { CreateModelHttp } from './model/creating-model/create-model.http';
import { CreateModelConsumer } from './model/creating-model/create-model.consumer';
import { RegisterVersionHttp } from './model/registering-version/register-version.http';
import { RegisterVersionConsumer } from './model/registering-version/register-version.consumer';
import { GetModelHttp } from './model/getting-model/get-model.http';
import { ListVersionsHttp } from './model/listing-versions/list-versions.http';
import { UpdateModelHttp } from './model/updating-model/update-model.http';
import { UpdateModelConsumer } from './model/updating-model/update-model.consumer';
import { TagModelHttp } from './model/tagging-model/tag-model.http';
import { TagModelConsumer } from './model/tagging-model/tag-model.consumer';
import { DeleteModelHttp } from './model/deleting-model/delete-model.http';
import { DeleteModelConsumer } from './model/deleting-model/delete-model.consumer';
import { UpdateVersionHttp } from './model/updating-version/update-version.http';
import { UpdateVersionConsumer } from './model/updating-version/update-version.consumer';
import { TagVersionHttp } from './model/tagging-version/tag-version.http';
import { TagVersionConsumer } from './model/tagging-version/tag-version.consumer';
import { DeleteVersionHttp } from './model/deleting-version/delete-version.http';
import { DeleteVersionConsumer } from './model/deleting-version/delete-version.consumer';
import { SetAliasHttp } from './model/setting-alias/set-alias.http';
import { SetAliasConsumer } from './model/setting-alias/set-alias.consumer';
import { DeleteAliasHttp } from './model/deleting-alias/delete-alias.http';
import { DeleteAliasConsumer } from './model/deleting-alias/delete-alias.consumer';
import { GetAliasHttp } from './model/getting-alias/get-alias.http';
import { TransitionStageHttp } from './model/transitioning-stage/transition-stage.http';
import { TransitionStageConsumer } from './model/transitioning-stage/transition-stage.consumer';
import { LatestVersionsHttp } from './model/getting-latest-versions/latest-versions.http';
import { ResolveUriHttp } from './model/resolving-uri/resolve-uri.http';
import { NativeSearchHttp } from './searching/native/native-search.http';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { ArtifactsContext } from './artifacts/storing/artifacts.context';
import { MlflowModule } from './mlflow/mlflow.module';
import { AuditingModule } from './auditing/auditing.module';

export interface RegistryModuleOptions {
  registry: RegistryContext;
  metrics: ServiceMetrics;
  /** Consume ml.registry.commands (only when the app is connected to a bus). */
  consumers: boolean;
  /** The artifact store (upload, download, verification), when the app serves it. */
  artifacts?: ArtifactsContext;
}

const HTTP = [
  CreateModelHttp,
  RegisterVersionHttp,
  GetModelHttp,
  ListVersionsHttp,
  UpdateModelHttp,
  TagModelHttp,
  DeleteModelHttp,
  UpdateVersionHttp,
  TagVersionHttp,
  DeleteVersionHttp,
  SetAliasHttp,
  DeleteAliasHttp,
  GetAliasHttp,
  TransitionStageHttp,
  LatestVersionsHttp,
  NativeSearchHttp,
  ResolveUriHttp,
];

const CONSUMERS = [
  CreateModelConsumer,
  RegisterVersionConsumer,
  UpdateModelConsumer,
  TagModelConsumer,
  DeleteModelConsumer,
  UpdateVersionConsumer,
  TagVersionConsumer,
  DeleteVersionConsumer,
  SetAliasConsumer,
  DeleteAliasConsumer,
  TransitionStageConsumer,
];

@Module({})
export class RegistryModule {
  static forRoot(options: RegistryModuleOptions): DynamicModule {
    const { registry, metrics } = options;
    return {
      module: RegistryModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'registry', metrics, checks: { database: () => registry.db.query('SELECT 1') } }),
        ...(options.artifacts ? [ArtifactsModule.forRoot(options.artifacts)] : []),
        MlflowModule.forRoot(registry),
        AuditingModule.forRoot(registry),
      ],
      controllers: [...HTTP, ...(options.consumers ? CONSUMERS : [])],
      providers: [{ provide: REGISTRY, useValue: registry }],
    };
  }
}
