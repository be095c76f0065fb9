import { z } from 'zod';
import { CommandMetadata, LedgerError, registryCommands, registryEvents, STAGES } from '@ledger/contracts';
import { arbitrary, Random, seededRandom } from '@ledger/testing';
import { ModelCommand, modelDecider } from './model.decider';
import { ModelEvent, ModelState, PRIMARY_METRIC_GOAL_TAG, PRIMARY_METRIC_TAG } from './model';

/*
 * The general guard: whatever valid commands arrive, in whatever order, every event the model
 * decides is one its own catalog accepts (schema, limits, storable text). A decided event that
 * fails its schema is a 500 on HTTP and a poison message on the bus; unit tests of single
 * branches miss the combinations (long names in a label's reason, a limit summed over fields).
 * Deterministic: a failure names its seed and history, and replays exactly.
 */
const SEED = 20_261_204;
const HISTORIES = 300;
const COMMANDS_PER_HISTORY = 16;

const payloadOf = new Map(
  registryCommands.definitions().map((definition) => [definition.type, arbitrary(definition.schema)]),
);
const schemaOf = new Map(registryCommands.definitions().map((definition) => [definition.type, definition.schema]));
const eventVersionOf = new Map(
  registryEvents.definitions().map((definition) => [definition.type, definition.schemaVersion]),
);
// Versions get registered most, so histories grow labels, stages and aliases to act on.
const TYPES = [...payloadOf.keys(), 'RegisterModelVersion', 'RegisterModelVersion'].filter(
  (type) => type !== 'CreateRegisteredModel',
);
const ids = arbitrary(z.uuid());

describe('the model decider, on generated histories of valid commands', () => {
  it(`decides only events its catalog accepts (${HISTORIES} histories, seed ${SEED})`, () => {
    const random = seededRandom(SEED);
    let decided = 0;
    for (let history = 0; history < HISTORIES; history++)
      decided += runHistory(random.fork(), `history ${history} of seed ${SEED}`);
    // Guards the guard: most commands must be accepted, or the histories explore nothing.
    expect(decided).toBeGreaterThan(HISTORIES * COMMANDS_PER_HISTORY * 0.4);
  });
});

/** Runs one history; returns how many events were decided. Throws, saying where, on a bad event. */
function runHistory(random: Random, label: string): number {
  let state = modelDecider.initialState();
  let decided = 0;
  const steps: string[] = [];
  for (let step = 0; step <= COMMANDS_PER_HISTORY; step++) {
    const type = step === 0 ? 'CreateRegisteredModel' : random.pick(TYPES);
    const command = {
      type,
      data: aim(type, payloadOf.get(type)!(random) as Record<string, unknown>, state, random),
      metadata: metadataFrom(random),
    } as ModelCommand;
    steps.push(type);
    for (const event of decide(command, state, `${label}, after ${steps.join(' → ')}`)) {
      state = modelDecider.evolve(state, event);
      decided++;
    }
  }
  return decided;
}

function decide(command: ModelCommand, state: ModelState, where: string): ModelEvent[] {
  let events: ModelEvent[];
  try {
    events = modelDecider.decide(command, state);
  } catch (error) {
    if (error instanceof LedgerError) return []; // a refusal of the domain, as the edge would answer it
    throw new Error(`${where}: decide threw ${(error as Error).stack}`);
  }
  for (const event of events) {
    try {
      registryEvents.upcast(event.type, eventVersionOf.get(event.type)!, event.data);
    } catch (error) {
      throw new Error(`${where}: decided an invalid ${event.type}: ${(error as Error).message.slice(0, 1500)}`);
    }
  }
  return events;
}

/**
 * Points a generated command at this model most of the time (its name, an existing version, a
 * known alias or stage, the primary metric), so histories get past "not found"; still valid.
 */
function aim(type: string, data: Record<string, unknown>, state: ModelState, random: Random): Record<string, unknown> {
  const aimed = { ...data };
  if (state.name !== null && random.chance(0.9)) aimed.name = state.name;
  if ('version' in aimed && state.lastVersion > 0 && random.chance(0.85))
    aimed.version = random.int(1, state.lastVersion);
  if ('alias' in aimed && random.chance(0.7))
    aimed.alias = random.pick([...Object.keys(state.aliases), 'champion', 'challenger']);
  if ('expectedVersion' in aimed && random.chance(0.5))
    aimed.expectedVersion = state.aliases[aimed.alias as string] ?? null;
  if ('stage' in aimed && random.chance(0.8)) aimed.stage = random.pick(STAGES);
  if (type === 'SetRegisteredModelTag' && random.chance(0.4)) Object.assign(aimed, primaryMetricTag(random));
  if (type === 'RegisterModelVersion' && state.primaryMetric !== null && random.chance(0.6)) {
    aimed.metrics = { ...(aimed.metrics as object), [state.primaryMetric]: random.int(-100, 100) / 10 };
  }
  return schemaOf.get(type)!.parse(aimed) as Record<string, unknown>;
}

function primaryMetricTag(random: Random): { key: string; value: string } {
  if (random.chance(0.3)) return { key: PRIMARY_METRIC_GOAL_TAG, value: random.pick(['max', 'min']) };
  return { key: PRIMARY_METRIC_TAG, value: random.pick(['auc', 'loss', `${'m'.repeat(249)}x`]) };
}

function metadataFrom(random: Random): CommandMetadata {
  const now = new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000)).toISOString();
  return {
    now,
    newId: ids(random),
    actor: { id: 'generated', kind: 'user' },
    correlationId: ids(random),
    causationId: null,
  };
}
