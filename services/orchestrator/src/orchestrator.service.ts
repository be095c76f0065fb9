import { DataSource } from 'typeorm';
import { orchestratorCommands, Topics } from '@ledger/contracts';
import { StoredEvent } from '@ledger/eventstore';
import { commandConsumer } from '@ledger/messaging';
import {
  CommandConfigInput,
  featuresModule,
  mergeFeatures,
  RunningService,
  ServiceDefinition,
  startService,
  StartServiceOptions,
} from '@ledger/platform';
import { createOrchestratorContext, ORCHESTRATOR, OrchestratorContext } from './orchestrator.context';
import { orchestratorFeatures } from './orchestrator.features';
import { acceptYamlPipelines } from './pipeline';
import { DEFAULT_COMMAND_ACTOR } from './run/delivering/run-commands';
import { runWorkers } from './run/delivering/run-workers';
import { RUN_COMMAND_TOPICS } from './run/routing-inputs/dead-letters';
import { inboundEventsConsumer, INBOUND_TOPICS } from './run/routing-inputs/inbound-events.consumer';
import { scheduleWorker } from './run/starting-on-schedule/schedule-firing';

export type { OrchestratorContext } from './orchestrator.context';

export type OrchestratorConfig = CommandConfigInput & {
  /**
   * The principal the orchestrator's commands act as (env ORCHESTRATOR_ACTOR, default
   * `orchestrator`): with authentication on, the registry, validator and deployer authorize it.
   */
  commandActor?: string;
  /** The webhook calls' timeout (default 10 s). */
  notifyTimeoutMs?: number;
};

const features = mergeFeatures(orchestratorFeatures);
export const orchestratorProjections = features.projections;
export const orchestratorInline = features.inline;

// A run's events and a pipeline's carry the model's name: one model's order holds on the bus.
const keyOf = (event: StoredEvent) => String(event.data.name ?? event.data.model ?? event.streamId);

/** The orchestrator on the service kit: promotion pipelines and their runs as durable workflows. */
export const orchestratorService: ServiceDefinition<OrchestratorContext, OrchestratorConfig> = {
  name: 'orchestrator',
  http: {
    title: 'Model Ledger orchestrator',
    description:
      'Promotion pipelines per registered model, and their runs as durable workflows: validation, stages, aliases, approvals, rollouts.',
    prepare: (app) => acceptYamlPipelines(app),
  },
  migrations: features.migrations,
  inline: features.inline,
  projections: features.projections,
  reactingProjections: features.reacting,
  context: (host, config) =>
    createOrchestratorContext(host.db, host.metadata, host.access, {
      commandActor: {
        id: config.commandActor ?? (process.env.ORCHESTRATOR_ACTOR || DEFAULT_COMMAND_ACTOR),
        kind: 'service',
      },
      notifyTimeoutMs: config.notifyTimeoutMs,
    }),
  module: (context) =>
    featuresModule('orchestrator', orchestratorFeatures, [
      { provide: DataSource, useValue: context.db },
      { provide: ORCHESTRATOR, useValue: context },
    ]),
  relay: { topic: Topics.orchestratorEvents, keyOf, name: 'orchestrator', alsoWrites: RUN_COMMAND_TOPICS },
  consumers: (context, host) => [
    {
      consumer: 'orchestrator.inbound',
      topics: INBOUND_TOPICS,
      controllers: [inboundEventsConsumer(context.db, host.metadata.clock)],
    },
    {
      consumer: 'orchestrator.commands',
      topics: [Topics.orchestratorCommands],
      controllers: [
        commandConsumer({
          catalog: orchestratorCommands,
          routes: features.bus,
          context,
          db: context.db,
          metadata: host.metadata,
          denials: host.denials,
        }),
      ],
    },
  ],
  workers: (context, host) => [
    ...runWorkers({
      db: context.db,
      runs: context.runs,
      bus: host.bus,
      metadata: host.metadata,
      databaseUrl: host.databaseUrl,
      actor: context.commandActor,
      notify: { timeoutMs: context.notifyTimeoutMs },
    }),
    scheduleWorker(context.db, host.metadata.clock, host.databaseUrl),
  ],
};

export type RunningOrchestrator = RunningService<OrchestratorContext>;

export const createOrchestratorApp = (
  options: StartServiceOptions & OrchestratorConfig,
): Promise<RunningOrchestrator> => startService(orchestratorService, options);
