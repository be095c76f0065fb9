// SWITCHED AT MERGE: the pipelines engineer's `pipelineFor` (src/pipeline) replaces this fallback.
import { DEFAULT_PIPELINE, PipelineDefinition, PipelineDefinitionSchema } from '@ledger/contracts';
import type { Queryable } from '@ledger/eventstore';

/** The pipeline a model's runs follow now: its own, or the default (`*`). */
export interface PipelineOf {
  model: string;
  pipelineVersion: number;
  definition: PipelineDefinition;
  source: string;
}

const DEFAULT: PipelineOf = {
  model: '*',
  pipelineVersion: 0,
  definition: PipelineDefinitionSchema.parse(DEFAULT_PIPELINE),
  source: 'default',
};

export async function pipelineFor(_on: Queryable, _modelName: string): Promise<PipelineOf> {
  return DEFAULT;
}
