import { z } from 'zod';
import { Command, CommandMetadata, Decider, DomainEvent, LedgerError, MessageCatalog } from '@ledger/contracts';
import { arbitrary, Random, seededRandom } from './arbitrary';

export interface GeneratedHistories<C extends Command, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  /** What every decided event must pass: its catalog's current schema (and limits, storable text). */
  events: MessageCatalog;
  /** Command type → the schema of its data; payloads are generated from it. */
  commands: Map<string, z.ZodType>;
  /** The types a history starts with (creating the aggregate). */
  first: string[];
  /** The types drawn after it; repeat a type to draw it more often. */
  then: string[];
  /** Points a generated payload at the aggregate (its name, its ids) so histories get past "not found"; it is parsed again after. */
  aim(type: string, data: Record<string, unknown>, state: S, random: Random): Record<string, unknown>;
  seed: number;
  histories: number;
  commandsPerHistory: number;
}

const ids = arbitrary(z.uuid());

/**
 * The general guard of a decider: whatever valid commands arrive, in whatever order, every
 * event it decides is one its catalog accepts. Deterministic: a failure names its seed and
 * history, and replays exactly. Returns how many events were decided (a guard of the guard:
 * too few and the histories explored nothing).
 */
export function decideGeneratedHistories<C extends Command, E extends DomainEvent, S>(
  options: GeneratedHistories<C, E, S>,
): number {
  const random = seededRandom(options.seed);
  const payloadOf = new Map([...options.commands].map(([type, schema]) => [type, arbitrary(schema)]));
  let decided = 0;
  for (let history = 0; history < options.histories; history++) {
    const historyRandom = random.fork();
    let state = options.decider.initialState();
    const steps: string[] = [];
    for (let step = 0; step <= options.commandsPerHistory; step++) {
      const type = historyRandom.pick(step === 0 ? options.first : options.then);
      const aimed = options.aim(
        type,
        payloadOf.get(type)!(historyRandom) as Record<string, unknown>,
        state,
        historyRandom,
      );
      const command = {
        type,
        data: options.commands.get(type)!.parse(aimed),
        metadata: metadataFrom(historyRandom),
      } as C;
      steps.push(type);
      for (const event of decide(
        options,
        command,
        state,
        `history ${history} of seed ${options.seed}, after ${steps.join(' → ')}`,
      )) {
        state = options.decider.evolve(state, event);
        decided++;
      }
    }
  }
  return decided;
}

function decide<C extends Command, E extends DomainEvent, S>(
  options: GeneratedHistories<C, E, S>,
  command: C,
  state: S,
  where: string,
): E[] {
  let events: E[];
  try {
    events = options.decider.decide(command, state);
  } catch (error) {
    if (error instanceof LedgerError) return []; // a refusal of the domain, as the edge would answer it
    throw new Error(`${where}: decide threw ${(error as Error).stack}`);
  }
  const versions = new Map(
    options.events.definitions().map((definition) => [definition.type, definition.schemaVersion]),
  );
  for (const event of events) {
    try {
      options.events.upcast(event.type, versions.get(event.type)!, event.data);
    } catch (error) {
      throw new Error(`${where}: decided an invalid ${event.type}: ${(error as Error).message.slice(0, 1500)}`);
    }
  }
  return events;
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
