import { DynamicModule, Module } from '@nestjs/common';
import { REGISTRY, RegistryContext } from '../registry.context';
import { ModelVersionsMlflowHttp } from './model-versions.mlflow.http';
import { RegisteredModelsMlflowHttp } from './registered-models.mlflow.http';

/** The MLflow-compatible REST layer: its own controllers over the registry's commands and read models. */
@Module({})
export class MlflowModule {
  static forRoot(registry: RegistryContext): DynamicModule {
    return {
      module: MlflowModule,
      controllers: [RegisteredModelsMlflowHttp, ModelVersionsMlflowHttp],
      providers: [{ provide: REGISTRY, useValue: registry }],
    };
  }
}
