import { DynamicModule, Module } from '@nestjs/common';
import { REGISTRY, RegistryContext } from '../registry.context';
import { ModelVersionsMlflowAjaxHttp, ModelVersionsMlflowHttp } from './model-versions.mlflow.http';
import { RegisteredModelsMlflowAjaxHttp, RegisteredModelsMlflowHttp } from './registered-models.mlflow.http';

/** The MLflow-compatible REST layer: its own controllers over the registry's commands and read models. */
@Module({})
export class MlflowModule {
  static forRoot(registry: RegistryContext): DynamicModule {
    return {
      module: MlflowModule,
      controllers: [RegisteredModelsMlflowHttp, ModelVersionsMlflowHttp, RegisteredModelsMlflowAjaxHttp, ModelVersionsMlflowAjaxHttp],
      providers: [{ provide: REGISTRY, useValue: registry }],
    };
  }
}
