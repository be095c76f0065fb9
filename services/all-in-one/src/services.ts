import { LogLevel } from '@nestjs/common';
import { Bus } from '@ledger/messaging';
import { RunningService, ServiceMetrics, startService } from '@ledger/platform';
import { registryService } from '../../registry/src/registry.service';
import { validatorService } from '../../validator/src/validator.service';
import { identityService } from '../../identity/src/identity.service';
import { servingService } from '../../serving/src/serving.service';
import { deployerService } from '../../deployer/src/deployer.service';
import { orchestratorService } from '../../orchestrator/src/orchestrator.service';

/** What the embedded runner hands each service: its database, port, the shared bus. */
export interface EmbeddedStart {
  databaseUrl: string;
  port: number;
  host?: string;
  bus: Bus;
  metrics: ServiceMetrics;
  logger: LogLevel[];
  artifactsDir?: string;
  auth: 'on' | 'off';
  /** The identity service's first admin (name and a generated mlt_ token), when the runner makes one. */
  bootstrapAdmin?: { name: string; token: string };
  /** The URLs of the services started before this one (the deployer reads serving's measurements). */
  peers: Record<string, string>;
}

export interface EmbeddedService {
  name: string;
  /** The default HTTP port (DESIGN.md §4); `<NAME>_PORT` overrides it in `npm start`. */
  port: number;
  start(options: EmbeddedStart): Promise<RunningService<unknown>>;
}

/** Every service of the platform, in start order. A new service is one line here. */
export const SERVICES: EmbeddedService[] = [
  { name: 'registry', port: 8081, start: (options) => startService(registryService, options) },
  { name: 'validator', port: 8082, start: (options) => startService(validatorService, options) },
  { name: 'identity', port: 8086, start: (options) => startService(identityService, options) },
  // Serving reads model files from the registry's artifact store (the same artifactsDir).
  { name: 'serving', port: 8085, start: (options) => startService(servingService, options) },
  // The deployer reads serving's measurements for its analysis, over HTTP.
  {
    name: 'deployer',
    port: 8083,
    start: (options) =>
      startService(deployerService, {
        ...options,
        servingUrl: options.peers.serving,
        // Embedded, the deployer reads serving's measurements as the first admin; distributed, SERVING_TOKEN.
        servingToken: options.bootstrapAdmin?.token,
      }),
  },
  // The orchestrator drives the others through their command topics; it starts last, once they listen.
  {
    name: 'orchestrator',
    port: 8084,
    start: (options) =>
      startService(orchestratorService, {
        ...options,
        // Embedded with AUTH=on, its commands act as the first admin; distributed, ORCHESTRATOR_ACTOR's service account.
        commandActor: options.bootstrapAdmin?.name,
      }),
  },
];
