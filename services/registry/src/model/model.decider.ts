import { Command, CreateRegisteredModelInput, Decider, RegisterModelVersionInput } from '@ledger/contracts';
import { evolveModel, initialModelState, ModelEvent, ModelState } from './model';
import { decideCreateModel } from './creating-model/create-model.decide';
import { decideRegisterVersion } from './registering-version/register-version.decide';

export type CreateModel = Command<'CreateRegisteredModel', CreateRegisteredModelInput>;
export type RegisterVersion = Command<'RegisterModelVersion', RegisterModelVersionInput>;
export type ModelCommand = CreateModel | RegisterVersion;

export function decideModel(command: ModelCommand, state: ModelState): ModelEvent[] {
  switch (command.type) {
    case 'CreateRegisteredModel':
      return decideCreateModel(command, state);
    case 'RegisterModelVersion':
      return decideRegisterVersion(command, state);
  }
}

export const modelDecider: Decider<ModelCommand, ModelEvent, ModelState> = {
  initialState: initialModelState,
  decide: decideModel,
  evolve: evolveModel,
};
