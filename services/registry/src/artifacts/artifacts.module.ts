import { DynamicModule, Module } from '@nestjs/common';
import { ARTIFACTS, ArtifactsContext } from './storing/artifacts.context';
import { UploadArtifactHttp } from './uploading-artifact/upload-artifact.http';
import { DownloadArtifactHttp } from './downloading-artifact/download-artifact.http';

/** Artifact upload, download and verification for versions (issue 3, "Artifacts"). */
@Module({})
export class ArtifactsModule {
  static forRoot(context: ArtifactsContext): DynamicModule {
    return {
      module: ArtifactsModule,
      controllers: [UploadArtifactHttp, DownloadArtifactHttp],
      providers: [{ provide: ARTIFACTS, useValue: context }],
      exports: [ARTIFACTS],
    };
  }
}
