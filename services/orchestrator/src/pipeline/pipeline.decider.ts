import { Decider } from '@ledger/contracts';
import { decideDefinePipeline } from './defining-pipeline/define-pipeline.decide';
import { evolvePipeline, initialPipelineState, PipelineCommand, PipelineEvent, PipelineState } from './pipeline';

export const pipelineDecider: Decider<PipelineCommand, PipelineEvent, PipelineState> = {
  initialState: initialPipelineState,
  decide: (command, state) => {
    switch (command.type) {
      case 'DefinePipeline':
        return decideDefinePipeline(command, state);
    }
  },
  evolve: evolvePipeline,
};
