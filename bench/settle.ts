// Waits for the platform to go quiet before a latency section: nothing appended and no read model
// or router moving in any service's log for a few seconds. A section measured while the services
// still digest an earlier one's backlog (the 100,000-version seed takes them many minutes) would
// report that backlog, not its own latency.
import { Client } from 'pg';
import { sleep } from './stats';

const SERVICES = ['registry', 'validator', 'identity', 'serving', 'deployer', 'orchestrator'];

/** Every service's log head and the sum of its checkpoints: unchanged means nothing moved. */
async function progressMark(clients: Client[]): Promise<string> {
  const marks = await Promise.all(
    clients.map(async (client) => {
      const { rows } = await client.query<{ head: string | null; read: string | null }>(
        `SELECT (SELECT max(global_position) FROM events)::text AS head,
                (SELECT sum(global_position) FROM checkpoints)::text AS read`,
      );
      return `${rows[0].head}/${rows[0].read}`;
    }),
  );
  return marks.join(' ');
}

/**
 * Milliseconds until no service's log or checkpoints moved for `quietMs`; after `timeoutMs` it
 * gives up and says so (quiet: false), and the section runs anyway.
 */
export async function settle(
  databaseUrlOf: (service: string) => string,
  quietMs = 3_000,
  timeoutMs = 900_000,
): Promise<{ ms: number; quiet: boolean }> {
  const clients = SERVICES.map((service) => new Client({ connectionString: databaseUrlOf(service) }));
  await Promise.all(clients.map((c) => c.connect()));
  const started = performance.now();
  try {
    let mark = await progressMark(clients);
    let quietSince = performance.now();
    while (performance.now() - quietSince < quietMs) {
      if (performance.now() - started > timeoutMs) return { ms: Math.round(performance.now() - started), quiet: false };
      await sleep(500);
      const next = await progressMark(clients);
      if (next !== mark) [mark, quietSince] = [next, performance.now()];
    }
    return { ms: Math.round(quietSince - started), quiet: true };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
