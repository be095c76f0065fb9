import { acceptYamlBodies, Feature } from '@ledger/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OrchestratorContext } from '../orchestrator.context';
import { PipelineMetricsHttp } from '../run/getting-runs/pipeline-metrics.http';
import { definePipelineOnBus } from './defining-pipeline/define-pipeline.bus';
import { DefinePipelineHttp } from './defining-pipeline/define-pipeline.http';
import { ModelPipelineHttp, PipelinesHttp } from './getting-pipelines/pipelines.http';
import { PIPELINES_MIGRATION, pipelinesProjection } from './getting-pipelines/pipelines.projection';

export { pipelineFor, type EffectivePipeline, type PipelineSource } from './getting-pipelines/pipeline-queries';

/**
 * Pipeline definitions per model (or the default `*`): define over HTTP (JSON or YAML) or the bus,
 * read the effective one, its history. The runs' metrics route is served first: `/pipelines/metrics`
 * would otherwise be read as the pipeline of a model named "metrics", which reads its own at
 * `/models/metrics/pipeline`.
 */
export const pipelineFeature: Feature<OrchestratorContext> = {
  name: 'pipeline',
  http: [PipelineMetricsHttp, DefinePipelineHttp, PipelinesHttp, ModelPipelineHttp],
  bus: [definePipelineOnBus],
  inline: [pipelinesProjection],
  migrations: [PIPELINES_MIGRATION],
};

/** Pipelines may be written in YAML, as teams keep them in config files: for the service's http.prepare. */
export const acceptYamlPipelines = (app: NestExpressApplication): void => acceptYamlBodies(app, '/api/v1/pipelines');
