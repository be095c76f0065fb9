// Test harness: the identity service on a private PostgreSQL bus, with an observer recording what
// it publishes (events and the commands' DLQ). Not used by production code.
import { createHash } from 'node:crypto';
import { dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { ServiceOnBus, serviceOnBus } from '@ledger/testing';
import { IdentityConfig, identityService, IdentityServiceContext } from './identity.service';

export type IdentityOnBus = ServiceOnBus<IdentityServiceContext>;

export const startIdentityOnBus = (label: string, config?: IdentityConfig): Promise<IdentityOnBus> =>
  serviceOnBus(identityService, {
    label,
    actorId: 'provisioner',
    commandTopic: Topics.identityCommands,
    observe: [Topics.identityEvents, dlqTopic(Topics.identityCommands)],
    config,
  });

/** The identity events seen on ml.identity.events, as envelopes. */
export const publishedEvents = (h: IdentityOnBus): Envelope[] =>
  h.seen.filter((m) => m.topic === Topics.identityEvents).map((m) => JSON.parse(m.value) as Envelope);

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Every row of every table of the service's database, as text: where a secret must never be. */
export async function everyRowAsText(db: Queryable): Promise<string> {
  const tables: { name: string }[] = await db.query(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  const texts = await Promise.all(
    tables.map(
      async ({ name }) => (await db.query(`SELECT string_agg(t::text, E'\\n') AS text FROM ${name} t`))[0].text ?? '',
    ),
  );
  return texts.join('\n');
}

/**
 * Everything the process writes while it runs (Nest's logger writes to stdout and stderr, the
 * bus adapter to the console), for asserting what must never be logged.
 */
export function captureOutput(): { text(): string; restore(): void } {
  const written: string[] = [];
  const record = (...chunks: unknown[]) => void written.push(chunks.map(String).join(' '));
  const spies = [
    ...[process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)),
    ),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(record),
    ),
  ];
  return { text: () => written.join('\n'), restore: () => spies.forEach((spy) => spy.mockRestore()) };
}
