import { dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { eventually } from '@ledger/testing';
import { RegistryUnderTest } from './registry.harness';
import { RegistryOnBus, startRegistryOnBus } from './registry.bus.harness';

// The registry on the PostgreSQL bus: commands in from ml.registry.commands, events out on
// ml.registry.events through the relay, refusals to the DLQ.
describe('registry on the bus', () => {
  let h: RegistryOnBus;
  let t: RegistryUnderTest;
  let seen: IncomingMessage[];
  let command: RegistryOnBus['command'];
  let send: RegistryOnBus['send'];

  beforeAll(async () => {
    h = await startRegistryOnBus('registry_on_bus', 'trainer');
    ({ t, seen, command, send } = h);
  });
  afterAll(() => h.close());

  const versions = async (name: string) => (await t.api('GET', `/api/v1/models/${name}/versions`)).body.versions ?? [];
  const dead = () => seen.filter((m) => m.topic === dlqTopic(Topics.registryCommands));

  it('creates models and versions from commands and publishes the events keyed by model id', async () => {
    await send(
      command('CreateRegisteredModel', { name: 'from-bus', tags: { via: 'bus' } }),
      command('RegisterModelVersion', { name: 'from-bus', runId: 'r1' }),
    );
    const [version] = await eventually(async () => {
      const list = await versions('from-bus');
      expect(list).toHaveLength(1);
      return list;
    });
    expect(version).toMatchObject({ version: 1, runId: 'r1' });
    const published = await eventually(() => {
      const events = seen.filter((m) => m.topic === Topics.registryEvents && m.key === version.modelId);
      expect(events).toHaveLength(2);
      return events;
    });
    const envelopes = published.map((m) => JSON.parse(m.value) as Envelope);
    expect(envelopes.map((e) => [e.type, e.streamVersion, e.source, e.actor.id])).toEqual([
      ['RegisteredModelCreated', 1, 'registry', 'trainer'],
      ['VersionCreated', 2, 'registry', 'trainer'],
    ]);
    expect(published[1].headers).toMatchObject({ id: envelopes[1].id, type: 'VersionCreated', schemaVersion: '4' });
    await eventually(async () =>
      expect((await t.api('GET', '/metrics')).body).toMatch(
        /ledger_relay_published_total\{relay="registry.events",service="registry"\} [2-9]/,
      ),
    );
    await eventually(async () =>
      expect((await t.api('GET', '/metrics')).body).toMatch(
        /ledger_relay_unpublished_events\{relay="registry.events",service="registry"\} 0\n/,
      ),
    );
    expect((await t.api('GET', '/metrics')).body).toMatch(
      /ledger_relay_oldest_unpublished_seconds\{relay="registry.events",service="registry"\} 0\n/,
    );
  });

  it('gives a resent commandId no second effect and does not dead-letter it', async () => {
    const create = command('CreateRegisteredModel', { name: 'resent' });
    const register = command('RegisterModelVersion', { name: 'resent' });
    await send(
      create,
      register,
      create,
      register,
      register,
      command('RegisterModelVersion', { name: 'resent', runId: 'last' }),
    );
    const list = await eventually(async () => {
      const found = await versions('resent');
      expect(found.map((v: { runId: string }) => v.runId)).toContain('last');
      return found;
    });
    expect(list.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const [{ count }] = await t.registry.db.query(
      `SELECT count(*)::int AS count FROM events WHERE data->>'name' = 'resent'`,
    );
    expect(count).toBe(3);
    expect(dead().filter((m) => m.key === 'resent')).toEqual([]);
  });

  it('answers a resent copy as the first, even after the version it copied is gone', async () => {
    await t.api('POST', '/api/v1/models', { name: 'copy-src' });
    await t.api('POST', '/api/v1/models', { name: 'copy-dst' });
    await t.api('POST', '/api/v1/models/copy-src/versions', { source: 's3://src/1' });
    const copy = command('RegisterModelVersion', { name: 'copy-dst', source: 'models:/copy-src/1' });
    await send(copy);
    await eventually(async () => expect(await versions('copy-dst')).toHaveLength(1));
    expect((await t.api('DELETE', '/api/v1/models/copy-src/versions/1')).status).toBeLessThan(300);
    await send(copy, command('CreateRegisteredModel', { name: 'after-resent-copy' }));
    await eventually(async () => expect((await t.api('GET', '/api/v1/models/after-resent-copy')).status).toBe(200));
    expect(await versions('copy-dst')).toHaveLength(1);
    expect(dead().filter((m) => m.value.includes('copy-dst'))).toEqual([]);
  });

  it('dead-letters commands that can never succeed and keeps consuming those behind them', async () => {
    const before = await t.eventCount();
    await send(
      '{not json',
      JSON.stringify({ type: 'RegisterModelVersion', data: { name: 'x' } }),
      command('RegisterModelVersion', { name: 'no-such-model' }),
      command('CreateRegisteredModel', { name: 'n'.repeat(257) }),
      command('CreateRegisteredModel', { name: 'from-bus' }),
      command('CreateRegisteredModel', { name: 'after-poison' }),
    );
    await eventually(async () => expect((await t.api('GET', '/api/v1/models/after-poison')).status).toBe(200));
    const errors = await eventually(() => {
      const letters = dead();
      expect(letters).toHaveLength(5);
      return letters.map((m) => m.headers[DLQ_HEADERS.error]);
    });
    expect(errors).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/invalid command envelope/),
      expect.stringMatching(/RESOURCE_DOES_NOT_EXIST: registered model "no-such-model" does not exist/),
      expect.stringMatching(/payload is invalid/),
      expect.stringMatching(/RESOURCE_ALREADY_EXISTS/),
    ]);
    expect(await t.eventCount()).toBe(before + 1);
  });
});
