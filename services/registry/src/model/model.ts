import { DomainEvent, RegisteredModelCreatedData, VersionCreatedData } from '@ledger/contracts';

export type RegisteredModelCreatedEvent = DomainEvent<'RegisteredModelCreated', RegisteredModelCreatedData>;
export type VersionCreatedEvent = DomainEvent<'VersionCreated', VersionCreatedData>;
export type ModelEvent = RegisteredModelCreatedEvent | VersionCreatedEvent;

/** A registered model as far as decisions need it: one stream `model-<modelId>` per model. */
export interface ModelState {
  exists: boolean;
  modelId: string | null;
  name: string | null;
  /** The highest version ever created; the next one is lastVersion + 1, so none is reused. */
  lastVersion: number;
}

export const initialModelState = (): ModelState => ({ exists: false, modelId: null, name: null, lastVersion: 0 });

export function evolveModel(state: ModelState, event: ModelEvent): ModelState {
  switch (event.type) {
    case 'RegisteredModelCreated':
      return { ...state, exists: true, modelId: event.data.modelId, name: event.data.name };
    case 'VersionCreated':
      return { ...state, lastVersion: Math.max(state.lastVersion, event.data.version) };
  }
}

export const modelStreamId = (modelId: string): string => `model-${modelId}`;
