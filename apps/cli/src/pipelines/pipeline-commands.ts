import { Command } from 'commander';
import { Cli } from '../session';
import { registerRuns } from './listing-runs/runs.command';
import { registerShow } from './showing-run/show.command';
import { registerStart } from './starting-run/start.command';
import { registerCancel } from './steering-steps/cancel.command';
import { registerStepSteering } from './steering-steps/steer-step.command';

export function registerPipelineCommands(program: Command, cli: Cli): void {
  const pipeline = program.command('pipeline').description('Promotion pipelines (the orchestrator)');
  registerRuns(pipeline, cli);
  registerShow(pipeline, cli);
  registerStart(pipeline, cli);
  registerStepSteering(pipeline, cli);
  registerCancel(pipeline, cli);
}
