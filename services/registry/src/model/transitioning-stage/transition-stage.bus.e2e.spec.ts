import { dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { eventually } from '@ledger/testing';
import { RegistryUnderTest } from '../../registry.harness';
import { RegistryOnBus, startRegistryOnBus } from '../../registry.bus.harness';

// Commands in over ml.registry.commands, events out over ml.registry.events (PostgreSQL bus):
// an archiving stage transition reaches a consumer as ONE event naming every archived version.
describe('stage transition with archiving, end to end on the bus', () => {
  let h: RegistryOnBus;
  let t: RegistryUnderTest;
  let seen: IncomingMessage[];
  let command: RegistryOnBus['command'];
  let send: RegistryOnBus['send'];

  beforeAll(async () => {
    h = await startRegistryOnBus('registry_stage_on_bus', 'orchestrator');
    ({ t, seen, command, send } = h);
  });
  afterAll(() => h.close());

  const events = (type: string) =>
    seen
      .filter((m) => m.topic === Topics.registryEvents && m.headers.type === type)
      .map((m) => JSON.parse(m.value) as Envelope);

  it('publishes one VersionStageTransitioned that archives the previous Production versions', async () => {
    const promote = command('TransitionModelVersionStage', {
      name: 'churn',
      version: 3,
      stage: 'production',
      archiveExistingVersions: true,
    });
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
    expect(letter.headers[DLQ_HEADERS.error]).toMatch(
      /CONCURRENT_MODIFICATION: alias "champion" of registered model "churn" points to version 3/,
    );
    expect(letter.headers[DLQ_HEADERS.attempts]).toBe('1');
  });
});
