import { MessageCatalog } from '../catalog';
import { CreateRegisteredModel, RegisterModelVersion } from './commands';
import { RegisteredModelCreated, VersionCreated } from './events';

export * from './events';
export * from './commands';

export const registryEvents = new MessageCatalog([RegisteredModelCreated, VersionCreated]);
export const registryCommands = new MessageCatalog([CreateRegisteredModel, RegisterModelVersion]);
