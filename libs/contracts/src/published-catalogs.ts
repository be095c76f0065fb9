import { identityCommands, identityEvents } from './identity';
import { registryCommands, registryEvents } from './registry';
import { validatorCommands, validatorEvents } from './validator';
import { servingCommands, servingEvents } from './serving';
import { deployerCommands, deployerEvents } from './deployer';
import { orchestratorCommands, orchestratorEvents } from './orchestrator';

/** Every catalog producers in other languages get as JSON Schema, by folder (`npm run contracts:export`). */
export const PUBLISHED_CATALOGS = {
  'identity/events': identityEvents,
  'identity/commands': identityCommands,
  'registry/events': registryEvents,
  'registry/commands': registryCommands,
  'validator/events': validatorEvents,
  'validator/commands': validatorCommands,
  'serving/events': servingEvents,
  'serving/commands': servingCommands,
  'deployer/events': deployerEvents,
  'deployer/commands': deployerCommands,
  'orchestrator/events': orchestratorEvents,
  'orchestrator/commands': orchestratorCommands,
};
