import { Command } from 'commander';
import { Cli } from '../session';
import { registerDeploy } from './deploying/deploy.command';
import { registerStatus } from './reporting-status/status.command';
import { registerRollback } from './rolling-back/rollback.command';
import { registerScale } from './scaling/scale.command';
import { registerUndeploy } from './undeploying/undeploy.command';

export function registerDeploymentCommands(program: Command, cli: Cli): void {
  registerDeploy(program, cli);
  registerRollback(program, cli);
  registerScale(program, cli);
  registerUndeploy(program, cli);
  registerStatus(program, cli);
}
