import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { registryEvents, Topics } from '@ledger/contracts';
import { inboxConsumer } from '@ledger/messaging';
import { registryKnowledge } from './registry-knowledge.projection';

/** Everything the registry knowledge is built from; other registry events pass by. */
export const REGISTRY_EVENTS_RECEIVED = ['VersionCreated', 'RegisteredModelCreated', ...registryKnowledge.handles];

/** The consumer of ml.registry.events that keeps the knowledge's events in the service's inbox. */
export const registryEventsConsumer = (db: DataSource): Type<unknown> =>
  inboxConsumer({ catalog: registryEvents, topic: Topics.registryEvents, types: REGISTRY_EVENTS_RECEIVED, db });
