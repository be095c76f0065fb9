import { ConflictError, NotFoundError, StartPipelineRun } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { OrchestratorContext } from '../../orchestrator.context';
import { startManualRun } from './start-manual-run';

/**
 * StartPipelineRun from ml.orchestrator.commands: its commandId names the run, so a resend starts
 * nothing. A producer may send it right after registering the version, before VersionCreated
 * reached the orchestrator: an unknown version is retried within the bus's budget first.
 */
export const startRunOnBus = busCommand<OrchestratorContext, typeof StartPipelineRun.schema>(
  StartPipelineRun,
  (context, data, metadata) =>
    startManualRun(context, data, metadata).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new ConflictError(`${error.message} (yet)`, undefined, true);
      throw error;
    }),
);
