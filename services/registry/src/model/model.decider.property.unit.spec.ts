import { z } from 'zod';
import { registryCommands, registryEvents, STAGES } from '@ledger/contracts';
import { decideGeneratedHistories, Random } from '@ledger/testing';
import { modelDecider } from './model.decider';
import { ModelState, PRIMARY_METRIC_GOAL_TAG, PRIMARY_METRIC_TAG } from './model';

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

// The generator cannot write strings for the label's alternation pattern: labels come from a few
// valid ones instead (so some histories also reuse one, which must be refused, never decided).
const LABELS = z.enum(['1.0.0', '2.0.0-rc.1', '20240226', '20251231']).optional();
const commands = new Map(
  registryCommands
    .definitions()
    .map((definition) => [
      definition.type,
      definition.type === 'RegisterModelVersion'
        ? (definition.schema as z.ZodObject).extend({ label: LABELS })
        : (definition.schema as z.ZodType),
    ]),
);
// Versions get registered most, so histories grow labels, stages and aliases to act on.
const TYPES = [...commands.keys(), 'RegisterModelVersion', 'RegisterModelVersion'].filter(
  (type) => type !== 'CreateRegisteredModel',
);

describe('the model decider, on generated histories of valid commands', () => {
  it(`decides only events its catalog accepts (${HISTORIES} histories, seed ${SEED})`, () => {
    const decided = decideGeneratedHistories({
      decider: modelDecider,
      events: registryEvents,
      commands,
      first: ['CreateRegisteredModel'],
      then: TYPES,
      aim,
      seed: SEED,
      histories: HISTORIES,
      commandsPerHistory: COMMANDS_PER_HISTORY,
    });
    // Guards the guard: most commands must be accepted, or the histories explore nothing.
    expect(decided).toBeGreaterThan(HISTORIES * COMMANDS_PER_HISTORY * 0.4);
  });
});

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
  if ('expectedVersion' in aimed && random.chance(0.5)) {
    // Only SetModelAlias may expect an alias to be unset (null).
    const current = state.aliases[aimed.alias as string] ?? (type === 'SetModelAlias' ? null : undefined);
    if (current === undefined) delete aimed.expectedVersion;
    else aimed.expectedVersion = current;
  }
  if ('stage' in aimed && random.chance(0.8)) aimed.stage = random.pick(STAGES);
  if ('expectedStage' in aimed && random.chance(0.8)) aimed.expectedStage = random.pick(STAGES);
  if (type === 'SetRegisteredModelTag' && random.chance(0.4)) Object.assign(aimed, primaryMetricTag(random));
  // A random example rarely fits a random signature, and a label is taken once: keep most registrations acceptable.
  if (type === 'RegisterModelVersion' && random.chance(0.8)) {
    delete aimed.inputExample;
    if (typeof aimed.label === 'string' && state.labels[aimed.label] !== undefined) delete aimed.label;
  }
  if (type === 'RegisterModelVersion' && state.primaryMetric !== null && random.chance(0.6)) {
    aimed.metrics = { ...(aimed.metrics as object), [state.primaryMetric]: random.int(-100, 100) / 10 };
  }
  return aimed;
}

function primaryMetricTag(random: Random): { key: string; value: string } {
  if (random.chance(0.3)) return { key: PRIMARY_METRIC_GOAL_TAG, value: random.pick(['max', 'min']) };
  return { key: PRIMARY_METRIC_TAG, value: random.pick(['auc', 'loss', `${'m'.repeat(249)}x`]) };
}
