import {
  ApprovePipelineStep,
  CancelPipelineRun,
  RejectPipelineStep,
  RetryPipelineStep,
  SkipPipelineStep,
} from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { OrchestratorContext } from '../../orchestrator.context';
import { approveStep, cancelRun, rejectStep, retryStep, skipStep } from './steer-run';

/** Approve, reject, cancel, retry and skip from ml.orchestrator.commands: the same use cases as HTTP. */
export const steerRunOnBus = [
  busCommand<OrchestratorContext, typeof ApprovePipelineStep.schema>(ApprovePipelineStep, approveStep),
  busCommand<OrchestratorContext, typeof RejectPipelineStep.schema>(RejectPipelineStep, rejectStep),
  busCommand<OrchestratorContext, typeof CancelPipelineRun.schema>(CancelPipelineRun, cancelRun),
  busCommand<OrchestratorContext, typeof RetryPipelineStep.schema>(RetryPipelineStep, retryStep),
  busCommand<OrchestratorContext, typeof SkipPipelineStep.schema>(SkipPipelineStep, skipStep),
];
