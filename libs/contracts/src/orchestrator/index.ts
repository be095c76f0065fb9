import { MessageCatalog } from '../catalog';
import {
  ApprovePipelineStep,
  CancelPipelineRun,
  DefinePipeline,
  RejectPipelineStep,
  RetryPipelineStep,
  SkipPipelineStep,
  StartPipelineRun,
} from './orchestrator-commands';
import {
  PipelineApprovalRecorded,
  PipelineDefined,
  PipelineRunCancelled,
  PipelineRunFailed,
  PipelineRunQueued,
  PipelineRunStarted,
  PipelineRunSucceeded,
  PipelineStepCompensated,
  PipelineStepFailed,
  PipelineStepSkipped,
  PipelineStepStarted,
  PipelineStepSucceeded,
} from './orchestrator-events';

export * from './pipeline-definition';
export * from './orchestrator-commands';
export * from './orchestrator-events';

export const orchestratorCommands = new MessageCatalog([
  DefinePipeline,
  StartPipelineRun,
  ApprovePipelineStep,
  RejectPipelineStep,
  CancelPipelineRun,
  RetryPipelineStep,
  SkipPipelineStep,
]);
export const orchestratorEvents = new MessageCatalog([
  PipelineDefined,
  PipelineRunQueued,
  PipelineRunStarted,
  PipelineStepStarted,
  PipelineStepSucceeded,
  PipelineStepFailed,
  PipelineStepSkipped,
  PipelineApprovalRecorded,
  PipelineStepCompensated,
  PipelineRunSucceeded,
  PipelineRunFailed,
  PipelineRunCancelled,
]);
