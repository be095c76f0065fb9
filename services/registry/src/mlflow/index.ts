import { Feature } from '@ledger/platform';
import type { RegistryContext } from '../registry.context';
import { ModelVersionsMlflowAjaxHttp, ModelVersionsMlflowHttp } from './model-versions.mlflow.http';
import { RegisteredModelsMlflowAjaxHttp, RegisteredModelsMlflowHttp } from './registered-models.mlflow.http';
import { ModelPermissionsMlflowAjaxHttp, ModelPermissionsMlflowHttp } from './model-permissions.mlflow.http';

/** The MLflow-compatible REST layer: its own controllers over the registry's commands and read models. */
export const mlflowFeature: Feature<RegistryContext> = {
  name: 'mlflow',
  http: [
    RegisteredModelsMlflowHttp,
    ModelVersionsMlflowHttp,
    RegisteredModelsMlflowAjaxHttp,
    ModelVersionsMlflowAjaxHttp,
    ModelPermissionsMlflowHttp,
    ModelPermissionsMlflowAjaxHttp,
  ],
};
