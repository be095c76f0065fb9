import { CreateRegisteredModel } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { createModel } from './create-model';

/** CreateRegisteredModel from ml.registry.commands, same path as HTTP. */
export const createModelOnBus = busCommand(CreateRegisteredModel, createModel);
