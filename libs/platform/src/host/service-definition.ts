import { AccessControl, DenialRecorder } from '../auth/access';
import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { Clock, MetadataSource, Migration, Projection } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { ErrorDialect } from '../http/error.filter';
import { StatusTable } from '../http/error-response';
import { ServiceMetrics } from '../http/metrics';
import { RelaySpec } from './start-relay';
import type { OidcSettings } from '../auth/oidc/oidc-verifier';

/** What the host has opened for a service before the service builds its own context. */
export interface ServiceHost {
  name: string;
  db: DataSource;
  databaseUrl: string;
  metrics: ServiceMetrics;
  /** The clock and id source of every command this service makes (HTTP, bus, timers). */
  metadata: MetadataSource;
  /** Absent when the service runs without a bus (some tests): no consumers, no relay. */
  bus?: Bus;
  /** Who a command's actor is, for permission checks (authentication off: nobody is checked). */
  access: AccessControl;
  /** Where refused attempts are recorded (authentication off: nowhere, nothing is refused). */
  denials: DenialRecorder;
}

/** A bus consumer group of the service: its topics and the controllers whose @EventPattern handlers it feeds. */
export interface BusConsumerSpec {
  consumer: string;
  topics: string[];
  controllers: Type<unknown>[];
}

/** Something that runs beside HTTP and the bus (a timer runner, a dispatcher); stopped first. */
export interface Worker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A service is this manifest on the kit: its migrations and read models, its context (command
 * handlers and what its slices share), its Nest module of slices, and what it consumes and
 * publishes. startService does the rest, the same way for every service.
 */
export interface ServiceDefinition<Context, Config = object> {
  name: string;
  http: {
    title: string;
    description?: string;
    version?: string;
    shedsWrites?: boolean;
    errorDialects?: readonly ErrorDialect[];
    statuses?: Partial<StatusTable>;
    /** Runs before the shared HTTP plumbing (e.g. a raw streaming route ahead of the JSON parsers). */
    prepare?(app: NestExpressApplication, context: Context, host: ServiceHost): void;
  };
  migrations: Migration[];
  /** Read models written with the append; rebuilt at start when their definition version changed. */
  inline?: Projection[];
  /** Read models projected behind the log by a projection runner. */
  projections?: Projection[];
  /**
   * Read models that also act on what they read (hand inputs to workflows, start runs): built
   * from the context and host, so their decisions take the host's clock, not the event's time.
   */
  reactingProjections?(context: Context, host: ServiceHost): Projection[];
  context(host: ServiceHost, config: Config): Context | Promise<Context>;
  module(context: Context, host: ServiceHost): DynamicModule;
  consumers?(context: Context, host: ServiceHost): BusConsumerSpec[];
  relay?: RelaySpec;
  workers?(context: Context, host: ServiceHost): Worker[];
}

export interface StartServiceOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  bus?: Bus;
  /** Shared with the bus adapter so its DLQ counter shows on this service's /metrics. */
  metrics?: ServiceMetrics;
  processMetrics?: boolean;
  logger?: LogLevel[] | false;
  /** Off by default: the process that runs the service (main, all-in-one) owns the signals. */
  shutdownHooks?: boolean;
  clock?: Clock;
  newId?: () => string;
  /**
   * 'on': every route but /health, /metrics and /docs needs an API token (Bearer, or Basic with
   * the principal's name), checked against the service's own copy of the identity events, and
   * the principal is the actor. 'off' (the default): anonymous, or whoever X-Actor names.
   */
  auth?: AuthMode;
  /** With auth on: also accept Bearer JWTs from this OpenID Connect issuer (OIDC_* variables). */
  oidc?: OidcSettings;
}

export type AuthMode = 'on' | 'off';
