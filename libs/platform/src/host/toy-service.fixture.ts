import { Controller, Get, Inject, Module } from '@nestjs/common';
import { MetadataSource } from '@ledger/eventstore';
import { ServiceDefinition, Worker } from './service-definition';

const METADATA = Symbol('metadata');

@Controller('api/v1/ping')
class PingHttp {
  constructor(@Inject(METADATA) private readonly metadata: MetadataSource) {}

  @Get()
  ping() {
    return { now: this.metadata.clock.now().toISOString() };
  }
}

/** A toy service: one table, one route, one worker that says when it starts and stops. */
export function toyService(
  steps: string[],
  overrides: Partial<ServiceDefinition<MetadataSource>> = {},
): ServiceDefinition<MetadataSource> {
  const worker: Worker = {
    name: 'recorder',
    start: async () => void steps.push('worker started'),
    stop: async () => void steps.push('worker stopped'),
  };
  return {
    name: 'toy',
    http: { title: 'toy' },
    migrations: [{ id: 'toy-001', sql: 'CREATE TABLE toys (id int PRIMARY KEY)' }],
    context: (host) => host.metadata,
    module: (metadata) => {
      const module = class ToyModule {};
      Module({ controllers: [PingHttp], providers: [{ provide: METADATA, useValue: metadata }] })(module);
      return { module };
    },
    workers: () => [worker],
    ...overrides,
  };
}
