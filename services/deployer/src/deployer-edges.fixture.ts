// The deployer's edges on the service kit with a recording rollout workflow: the Rollouts port is
// our own seam, so its double records what the edges hand it and answers as the workflow would.
import { DataSource } from 'typeorm';
import { deployerCommands, Envelope, LedgerError, servingEvents, Topics } from '@ledger/contracts';
import { Bus, commandConsumer, createBus, inboxConsumer } from '@ledger/messaging';
import { AuthMode, featuresModule, mergeFeatures, ServiceDefinition } from '@ledger/platform';
import { freshDatabaseUrl, serviceUnderTest, ServiceUnderTest } from '@ledger/testing';
import { DEPLOYER, DeployerContext } from './deployer.context';
import { acceptYamlEnvironments, createEdgeContext, edgeConsumers } from './deployer.edges';
import { edgeFeatures } from './deployer.features';
import type { RolloutControl, RolloutHandled, Rollouts } from './rollout/rollout-inputs';

export class RecordingRollouts implements Rollouts {
  /** What the workflow took since the last clear(), redeliveries left out. */
  readonly inputs: RolloutControl[] = [];
  /** Every commandId ever handled: a redelivery arriving after a clear() is still a duplicate. */
  private readonly seen = new Set<string>();
  /** Set to make the workflow refuse the next inputs (a domain refusal). */
  refusal: LedgerError | undefined;

  async handle(input: RolloutControl): Promise<RolloutHandled> {
    if (this.refusal) throw this.refusal;
    const commandId = input.metadata.commandId as string;
    const duplicate = this.seen.has(commandId);
    if (!duplicate) this.inputs.push(input);
    this.seen.add(commandId);
    const { environment, name } = input.data;
    return { deploymentId: `deploy:${environment}:${name}:${commandId}`, duplicate };
  }

  clear(): void {
    this.inputs.length = 0;
    this.refusal = undefined;
  }

  of<T extends RolloutControl['type']>(type: T): Extract<RolloutControl, { type: T }>[] {
    return this.inputs.filter((i): i is Extract<RolloutControl, { type: T }> => i.type === type);
  }
}

const features = mergeFeatures(edgeFeatures);

/** A deployer made of its edges alone, around the given rollouts: the spine's wiring, minus the workflow. */
export function edgesUnderTest(rollouts: Rollouts): ServiceDefinition<DeployerContext> {
  return {
    name: 'deployer',
    http: { title: 'Model Ledger deployer (edges under test)', prepare: (app) => acceptYamlEnvironments(app) },
    migrations: features.migrations,
    inline: features.inline,
    projections: features.projections,
    reactingProjections: features.reacting,
    context: (host) => ({ db: host.db, metadata: host.metadata, rollouts, ...createEdgeContext(host) }),
    module: (context) =>
      featuresModule('deployer', edgeFeatures, [
        { provide: DataSource, useValue: context.db },
        { provide: DEPLOYER, useValue: context },
      ]),
    consumers: (context, host) => [
      ...edgeConsumers(context),
      // In the service, serving's events come in through the rollouts' consumer; here, with no
      // workflow behind the edges, an inbox of them alone feeds the actual-serving read model.
      {
        consumer: 'deployer.serving-events',
        topics: [Topics.servingEvents],
        controllers: [
          inboxConsumer({
            catalog: servingEvents,
            topic: Topics.servingEvents,
            types: servingEvents.definitions().map((d) => d.type),
            db: context.db,
          }),
        ],
      },
      {
        consumer: 'deployer.commands',
        topics: [Topics.deployerCommands],
        controllers: [
          commandConsumer({
            catalog: deployerCommands,
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
}

/** Sends envelopes onto a topic, keyed as their producers key them. */
export const publisher = (bus: Bus) => ({
  registry: (...envelopes: Envelope[]) =>
    bus.publish(
      envelopes.map((e) => ({
        topic: Topics.registryEvents,
        key: String(e.data.modelId),
        value: JSON.stringify(e),
        headers: {},
      })),
    ),
  serving: (...envelopes: Envelope[]) =>
    bus.publish(
      envelopes.map((e) => ({
        topic: Topics.servingEvents,
        key: String(e.data.name),
        value: JSON.stringify(e),
        headers: {},
      })),
    ),
  command: (type: string, data: Record<string, unknown>, commandId: string, actor = { id: 'ci', kind: 'service' }) =>
    bus.publish([
      {
        topic: Topics.deployerCommands,
        key: String(data.name ?? data.environment),
        value: JSON.stringify({ commandId, type, schemaVersion: 1, actor, data }),
        headers: {},
      },
    ]),
});

/** Whether the deployer's registry knowledge has this version yet (its inbox is behind the bus). */
export const knowsVersion = async (db: DataSource, name: string, version: number): Promise<boolean> => {
  const rows = await db.query(
    `SELECT 1 FROM known_versions v JOIN known_models m USING (model_id) WHERE m.name = $1 AND v.version = $2`,
    [name, version],
  );
  return rows.length > 0;
};

export interface EdgesOnBus {
  bus: Bus;
  t: ServiceUnderTest<DeployerContext>;
  close(): Promise<void>;
}

/** The edges on a private database and a PostgreSQL bus of their own. */
export async function edgesOnBus(label: string, rollouts: Rollouts, auth?: AuthMode): Promise<EdgesOnBus> {
  const bus = await createBus({ kind: 'postgres', clientId: label, databaseUrl: freshDatabaseUrl(`${label}_bus`) });
  const t = await serviceUnderTest(edgesUnderTest(rollouts), { label, bus, auth });
  return {
    bus,
    t,
    close: async () => {
      await t.close();
      await bus.close();
    },
  };
}
