import { MessageCatalog } from '../catalog';
import {
  AbortDeployment,
  ConfigureEnvironment,
  DeployModelVersion,
  PromoteDeployment,
  RollbackDeployment,
  ScaleDeployment,
  Undeploy,
} from './deployer-commands';
import {
  AnalysisCompleted,
  DeploymentAborted,
  DeploymentPaused,
  DeploymentPromoted,
  DeploymentRequested,
  DeploymentRolledBack,
  DeploymentScaled,
  DeploymentStarted,
  DeploymentSucceeded,
  EnvironmentConfigured,
  TrafficShifted,
  Undeployed,
} from './deployer-events';

export * from './strategies';
export * from './deployer-commands';
export * from './deployer-events';

export const deployerCommands = new MessageCatalog([
  ConfigureEnvironment,
  DeployModelVersion,
  PromoteDeployment,
  AbortDeployment,
  RollbackDeployment,
  ScaleDeployment,
  Undeploy,
]);
export const deployerEvents = new MessageCatalog([
  EnvironmentConfigured,
  DeploymentRequested,
  DeploymentStarted,
  TrafficShifted,
  AnalysisCompleted,
  DeploymentPaused,
  DeploymentPromoted,
  DeploymentSucceeded,
  DeploymentRolledBack,
  DeploymentAborted,
  DeploymentScaled,
  Undeployed,
]);
