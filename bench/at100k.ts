// A model that already has 100,000 versions: seeded fast through the registry's own command
// handler (same decider, inline projections and snapshots as the service), then loaded over HTTP
// by the platform process, whose in-memory cache never saw that stream.
import { Client } from 'pg';
import { CommandMetadata, registryEvents } from '@ledger/contracts';
import { CommandHandler, newId, openDatabase } from '@ledger/eventstore';
import { ModelEvent, modelStreamId, ModelState } from '../services/registry/src/model/model';
import { ModelCommand, modelDecider } from '../services/registry/src/model/model.decider';
import { MODEL_SNAPSHOTS } from '../services/registry/src/registry.context';
import { registryProjections } from '../services/registry/src/registry.service';
import { benchRegisterVersion, createModel } from './http';
import { runId } from './infra';
import { progress, round, sleep, withTimeout } from './stats';

export const AT100K_VERSIONS = 100_000;
export const AT100K_BATCH = 1_000;

/** Bench-only command: BATCH versions decided one after the other, appended in one transaction. */
type SeedVersions = { type: 'SeedVersions'; data: { name: string; count: number }; metadata: CommandMetadata };

function decideSeed(command: ModelCommand | SeedVersions, state: ModelState): ModelEvent[] {
  if (command.type !== 'SeedVersions') return modelDecider.decide(command, state);
  const events: ModelEvent[] = [];
  let current = state;
  for (let i = 0; i < command.data.count; i++) {
    const register: ModelCommand = {
      type: 'RegisterModelVersion',
      data: { name: command.data.name, source: 's3://bench/seed' },
      metadata: command.metadata,
    };
    const [created] = modelDecider.decide(register, current);
    events.push(created);
    current = modelDecider.evolve(current, created);
  }
  return events;
}

const metadata = (modelId: string): CommandMetadata => ({
  now: new Date().toISOString(),
  newId: modelId,
  actor: { id: 'bench', kind: 'service' },
  correlationId: newId(),
  causationId: null,
});

/**
 * Creates the model and its versions in the registry's database with a CommandHandler built
 * like the registry's (createRegistryContext) but in this process, so the platform's cache stays
 * cold for this stream: its first command loads the latest snapshot, as after a restart.
 */
export async function seedBigModel(registryDatabaseUrl: string, name: string): Promise<number> {
  const db = await openDatabase({ url: registryDatabaseUrl, poolSize: 2 });
  const started = performance.now();
  try {
    const handler = new CommandHandler<ModelCommand | SeedVersions, ModelEvent, ModelState>(db, {
      decider: { initialState: modelDecider.initialState, evolve: modelDecider.evolve, decide: decideSeed },
      source: 'registry',
      catalog: registryEvents,
      newEventId: newId,
      inline: registryProjections,
      snapshot: MODEL_SNAPSHOTS,
    });
    const modelId = newId();
    const stream = modelStreamId(modelId);
    await handler.handle(stream, { type: 'CreateRegisteredModel', data: { name }, metadata: metadata(modelId) });
    for (let done = 0; done < AT100K_VERSIONS; done += AT100K_BATCH) {
      await handler.handle(stream, {
        type: 'SeedVersions',
        data: { name, count: AT100K_BATCH },
        metadata: metadata(modelId),
      });
      if ((done + AT100K_BATCH) % 20_000 === 0) progress(`at100k: ${done + AT100K_BATCH} versions seeded`);
    }
    return performance.now() - started;
  } finally {
    await db.destroy();
  }
}

/** Waits until the validator has projected `expected` versions of the model (its backlog drained). */
async function waitForValidator(validatorDatabaseUrl: string, model: string, expected: number): Promise<number> {
  const client = new Client({ connectionString: validatorDatabaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const count = async () =>
      (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM versions_awaiting_validation WHERE model_name = $1`,
          [model],
        )
      ).rows[0].n;
    await withTimeout(
      (async () => {
        while ((await count()) < expected) await sleep(200);
      })(),
      1_800_000, // the validator starts a validation run for every version it takes in
      `validator catching up on ${expected} versions of ${model}`,
    );
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** One POST, timed: the first command on the big model loads it from the snapshot. */
async function firstRequestMs(registryUrl: string, model: string): Promise<number> {
  const before = performance.now();
  const response = await fetch(`${registryUrl}/api/v1/models/${encodeURIComponent(model)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 's3://bench/x' }),
  });
  const body = (await response.json()) as { version?: number };
  if (response.status !== 201 || body.version !== AT100K_VERSIONS + 1)
    throw new Error(`at100k first POST: HTTP ${response.status} ${JSON.stringify(body)}`);
  return performance.now() - before;
}

export async function benchAt100k(registryUrl: string, registryDatabaseUrl: string, validatorDatabaseUrl: string) {
  const big = `bench-at100k-${runId}`;
  progress(`at100k: seeding ${AT100K_VERSIONS} versions of ${big} in batches of ${AT100K_BATCH}`);
  const seedMs = await seedBigModel(registryDatabaseUrl, big);
  progress(`at100k: seeded in ${(seedMs / 1000).toFixed(1)} s; waiting for the validator to consume them`);
  const seedDrainMs = await waitForValidator(validatorDatabaseUrl, big, AT100K_VERSIONS);
  progress(`at100k: validator caught up ${(seedDrainMs / 1000).toFixed(1)} s later`);
  const firstMs = await firstRequestMs(registryUrl, big);
  const at100k = await benchRegisterVersion(registryUrl, { models: [big] });
  await waitForValidator(validatorDatabaseUrl, big, AT100K_VERSIONS + 1 + at100k.versionsCreated);
  // The same load on a fresh model: the like-for-like baseline (one stream, 32 connections queueing on it).
  const fresh = `bench-onemodel-${runId}`;
  await createModel(registryUrl, fresh);
  const oneModel = await benchRegisterVersion(registryUrl, { models: [fresh] });
  await waitForValidator(validatorDatabaseUrl, fresh, oneModel.versionsCreated);
  return {
    createVersionAt100kReqPerSec: at100k.registerVersionReqPerSec,
    createVersionAt100kP50Ms: at100k.registerVersionP50Ms,
    createVersionAt100kP99Ms: at100k.registerVersionP99Ms,
    createVersionAt100kErrors: at100k.registerVersionErrors,
    createVersionAt100kFirstRequestMs: round(firstMs),
    registerVersionOneModelReqPerSec: oneModel.registerVersionReqPerSec,
    registerVersionOneModelP50Ms: oneModel.registerVersionP50Ms,
    registerVersionOneModelP99Ms: oneModel.registerVersionP99Ms,
    registerVersionOneModelErrors: oneModel.registerVersionErrors,
    createVersionAt100kVsOneModel: round(at100k.registerVersionReqPerSec / oneModel.registerVersionReqPerSec, 2),
    at100kSeedMs: round(seedMs, 0),
    at100kSeedValidatorDrainMs: round(seedDrainMs, 0),
  };
}
