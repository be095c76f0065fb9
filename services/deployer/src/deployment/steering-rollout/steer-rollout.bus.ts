import { AbortDeployment, PromoteDeployment, RollbackDeployment, ScaleDeployment, Undeploy } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { DeployerContext } from '../../deployer.context';
import { abortRollout, promoteRollout, rollBack, scaleServing, undeployModel } from './steer-rollout';

/** Promote, abort, roll back, scale and undeploy from ml.deployer.commands: the same use cases as HTTP. */
export const steerRolloutOnBus = [
  busCommand<DeployerContext, typeof PromoteDeployment.schema>(PromoteDeployment, promoteRollout),
  busCommand<DeployerContext, typeof AbortDeployment.schema>(AbortDeployment, abortRollout),
  busCommand<DeployerContext, typeof RollbackDeployment.schema>(RollbackDeployment, rollBack),
  busCommand<DeployerContext, typeof ScaleDeployment.schema>(ScaleDeployment, scaleServing),
  busCommand<DeployerContext, typeof Undeploy.schema>(Undeploy, undeployModel),
];
