import { Feature } from '@ledger/platform';
import type { RegistryContext } from '../registry.context';
import { artifactMigrations, versionArtifactsProjection } from './storing/version-artifacts.table';
import { UploadArtifactHttp } from './uploading-artifact/upload-artifact.http';
import { DownloadArtifactHttp } from './downloading-artifact/download-artifact.http';
import { MlflowArtifactsHttp } from './serving-mlflow-artifacts/mlflow-artifacts.http';

/** Artifact upload, download and verification for versions, over the content-addressed store; MLflow's artifact proxy reads. */
export const artifactsFeature: Feature<RegistryContext> = {
  name: 'artifacts',
  http: [UploadArtifactHttp, DownloadArtifactHttp, MlflowArtifactsHttp],
  inline: [versionArtifactsProjection],
  migrations: artifactMigrations,
};
