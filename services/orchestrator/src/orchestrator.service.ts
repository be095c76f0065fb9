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

export type { OrchestratorContext } from './orchestrator.context';

export type OrchestratorConfig = CommandConfigInput;

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
  context: (host) => createOrchestratorContext(host.db, host.metadata, host.access),
  module: (context) =>
    featuresModule('orchestrator', orchestratorFeatures, [
      { provide: DataSource, useValue: context.db },
      { provide: ORCHESTRATOR, useValue: context },
    ]),
  relay: { topic: Topics.orchestratorEvents, keyOf, name: 'orchestrator' },
  consumers: (context, host) =>
    features.bus.length === 0
      ? []
      : [
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
};

export type RunningOrchestrator = RunningService<OrchestratorContext>;

export const createOrchestratorApp = (
  options: StartServiceOptions & OrchestratorConfig,
): Promise<RunningOrchestrator> => startService(orchestratorService, options);
