import type {
  Command,
  DefinePipelineInput,
  DomainEvent,
  PipelineDefinedData,
  PipelineDefinition,
} from '@ledger/contracts';

/**
 * One stream per pipeline scope: a registered model's name, or `*` for the default. Not
 * `pipeline-<scope>`: a model named `run-<id>` would share a run's stream (`pipeline-run-<id>`).
 */
export const pipelineStreamId = (scope: string): string => `pipeline-definition-${scope}`;

export type DefinePipelineCommand = Command<'DefinePipeline', DefinePipelineInput>;
export type PipelineCommand = DefinePipelineCommand;

export type PipelineEvent = DomainEvent<'PipelineDefined', PipelineDefinedData>;

/** The definition in force; version 0 while never defined (the default, or the built-in, applies then). */
export interface PipelineState {
  pipelineVersion: number;
  definition: PipelineDefinition | null;
}

export const initialPipelineState = (): PipelineState => ({ pipelineVersion: 0, definition: null });

export function evolvePipeline(_state: PipelineState, event: PipelineEvent): PipelineState {
  switch (event.type) {
    case 'PipelineDefined':
      return { pipelineVersion: event.data.pipelineVersion, definition: event.data.definition };
  }
}
