// PLACEHOLDER owned by the run-workflow engineer: replaced by the real pipeline-run workflow.
import { ignore, Workflow } from '@ledger/contracts';
import { RunEvent, RunInput, RunSend, runStreamId } from './run-messages';

export type RunState = { status: 'unknown' };

export const runWorkflow: Workflow<RunInput, RunSend, RunEvent, RunState> = {
  name: 'pipeline-run',
  streamOf: (input) => runStreamId(input.data.runId),
  initialState: () => ({ status: 'unknown' }),
  decide: () => [ignore('not built yet')],
  evolve: (state) => state,
};
