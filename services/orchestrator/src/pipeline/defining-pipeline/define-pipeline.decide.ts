import { isDeepStrictEqual } from 'node:util';
import { DefinePipelineCommand, PipelineEvent, PipelineState } from '../pipeline';
import { requireSoundPipeline } from './pipeline-checks.domain';

/**
 * A new pipeline version, numbered after the one in force, once the definition holds together
 * beyond its schema. The definition already in force records nothing: a run that names a
 * pipeline version keeps naming the definition it follows.
 */
export function decideDefinePipeline(command: DefinePipelineCommand, state: PipelineState): PipelineEvent[] {
  const { model, definition } = command.data;
  requireSoundPipeline(definition);
  if (state.definition !== null && isDeepStrictEqual(state.definition, definition)) return [];
  return [{ type: 'PipelineDefined', data: { model, pipelineVersion: state.pipelineVersion + 1, definition } }];
}
