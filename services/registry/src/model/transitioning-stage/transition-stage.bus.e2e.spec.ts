import { randomUUID } from 'node:crypto';
import { CommandEnvelope, dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { Bus, createBus, DLQ_HEADERS, IncomingMessage, Subscriber } from '@ledger/messaging';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from '../../registry.harness';

// Commands in over ml.registry.commands, events out over ml.registry.events (PostgreSQL bus):
// an archiving stage transition reaches a consumer as ONE event naming every archived version.
describe('stage transition with archiving, end to end on the bus', () => {
  let bus: Bus;
  let t: RegistryUnderTest;
  let observer: Subscriber;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl('registry_stage_bus'), clientId: 'registry-stage-test' });
    t = await startRegistry('registry_stage_on_bus', { bus });
    const topics = [Topics.registryEvents, dlqTopic(Topics.registryCommands)];
    await bus.ensureTopics(topics);
    observer = await bus.subscribe({ consumer: 'stage-observer', topics, handle: async (message) => void seen.push(message) });
  });
  afterAll(async () => {
    await observer.stop();
    await t.close();
    await bus.close();
  });

  const command = (type: string, data: Record<string, unknown>, commandId = randomUUID()): CommandEnvelope => ({
    commandId,
    type,
    schemaVersion: 1,
    actor: { id: 'orchestrator', kind: 'service' },
    data,
  });
  const send = (...commands: CommandEnvelope[]) =>
    bus.publish(commands.map((c) => ({ topic: Topics.registryCommands, key: String(c.data.name), value: JSON.stringify(c), headers: { type: c.type } })));
  const events = (type: string) => seen.filter((m) => m.topic === Topics.registryEvents && m.headers.type === type).map((m) => JSON.parse(m.value) as Envelope);

  it('publishes one VersionStageTransitioned that archives the previous Production versions', async () => {
    const promote = command('TransitionModelVersionStage', { name: 'churn', version: 3, stage: 'production', archiveExistingVersions: true });
    await send(
      command('CreateRegisteredModel', { name: 'churn' }),
      ...[1, 2, 3].map(() => command('RegisterModelVersion', { name: 'churn' })),
      command('TransitionModelVersionStage', { name: 'churn', version: 1, stage: 'Production' }),
      command('TransitionModelVersionStage', { name: 'churn', version: 2, stage: 'Production' }),
      command('SetModelAlias', { name: 'churn', version: 3, alias: 'champion' }),
      promote,
      promote, // resent: no second effect
    );
    const transitions = await eventually(() => {
      const found = events('VersionStageTransitioned');
      expect(found).toHaveLength(3);
      expect(events('AliasSet')).toHaveLength(1);
      return found;
    });
    const last = transitions[2];
    expect(last.data).toEqual({
      modelId: expect.any(String),
      name: 'churn',
      version: 3,
      from: 'None',
      to: 'Production',
      archivedVersions: [
        { version: 1, from: 'Production' },
        { version: 2, from: 'Production' },
      ],
    });
    expect(last.causationId).toBe(promote.commandId);
    const versions = (await t.api('GET', '/api/v1/models/churn/versions')).body.versions;
    expect(versions.map((v: { stage: string }) => v.stage)).toEqual(['Archived', 'Archived', 'Production']);
    expect(seen.filter((m) => m.topic === dlqTopic(Topics.registryCommands))).toEqual([]);
  });

  it('dead-letters a refused compare-and-set at once instead of retrying it', async () => {
    await send(command('SetModelAlias', { name: 'churn', version: 1, alias: 'champion', expectedVersion: 2 }));
    const [letter] = await eventually(() => {
      const letters = seen.filter((m) => m.topic === dlqTopic(Topics.registryCommands));
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter.headers[DLQ_HEADERS.error]).toMatch(/CONCURRENT_MODIFICATION: alias "champion" of registered model "churn" points to version 3/);
    expect(letter.headers[DLQ_HEADERS.attempts]).toBe('1');
  });
});
