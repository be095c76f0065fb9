import { TransitionModelVersionStage } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { transitionStage } from './transition-stage';

/** TransitionModelVersionStage from ml.registry.commands, same path as HTTP. */
export const transitionStageOnBus = busCommand(TransitionModelVersionStage, transitionStage);
