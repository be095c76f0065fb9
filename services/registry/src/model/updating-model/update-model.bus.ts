import { UpdateRegisteredModel } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { updateModel } from './update-model';

/** UpdateRegisteredModel from ml.registry.commands, same path as HTTP. */
export const updateModelOnBus = busCommand(UpdateRegisteredModel, updateModel);
