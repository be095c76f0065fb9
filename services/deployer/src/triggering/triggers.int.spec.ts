import { IllegalStateError } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import {
  aliasSet,
  artifactAttached,
  eventually,
  modelCreated,
  ServiceUnderTest,
  stageTransitioned,
  versionCreated,
} from '@ledger/testing';
import type { DeployerContext } from '../deployer.context';
import { edgesOnBus, knowsVersion, publisher, RecordingRollouts } from '../deployer-edges.fixture';

const SHA = 'd'.repeat(64);

describe('registry events trigger rollouts by the environments’ policies', () => {
  let bus: Bus;
  let t: ServiceUnderTest<DeployerContext>;
  let close: () => Promise<void>;
  const rollouts = new RecordingRollouts();
  const requests = () => rollouts.of('RequestRollout');
  const triggers = async (query = '') => (await t.api('GET', `/api/v1/triggers${query}`)).body.triggers;

  beforeAll(async () => {
    ({ bus, t, close } = await edgesOnBus('deployer_trig', rollouts));
  });
  afterAll(() => close());
  beforeEach(() => rollouts.clear());

  it('champion moving to a version with an artifact rolls it out to production once, however often the event comes', async () => {
    const modelId = newId();
    const moved = aliasSet(modelId, 4, 'champion', 1, null);
    await publisher(bus).registry(
      modelCreated(modelId),
      versionCreated(modelId, 1),
      artifactAttached(modelId, 3, 1, SHA),
      moved,
    );
    await publisher(bus).registry(moved);
    await eventually(() => expect(requests()).toHaveLength(1));
    expect(requests()[0]).toMatchObject({
      data: {
        name: 'churn',
        environment: 'production',
        version: 1,
        artifactSha256: SHA,
        strategy: { kind: 'replace' },
        replicas: 1,
        trigger: { kind: 'alias', causedBy: moved.id },
        reason: 'alias "champion" now points at version 1',
      },
      metadata: {
        commandId: `trigger:${moved.id}:production`,
        actor: { id: 'deployer', kind: 'service' },
        causationId: moved.id,
      },
    });
    // The rollout is asked inside the trigger's transaction; its log row is visible once that commits.
    await eventually(async () =>
      expect(await triggers('?environment=production&model=churn')).toEqual([
        expect.objectContaining({
          eventId: moved.id,
          outcome: 'requested',
          deploymentId: `deploy:production:churn:trigger:${moved.id}:production`,
        }),
      ]),
    );
  });

  it('a version without an artifact is skipped with the reason, and rolls out when its artifact arrives', async () => {
    const modelId = newId();
    const name = 'fraud';
    const staged = stageTransitioned(modelId, 3, 1, 'Staging', 'None', name);
    await publisher(bus).registry(modelCreated(modelId, name), versionCreated(modelId, 1, {}, { name }), staged);
    await eventually(async () =>
      expect(await triggers(`?model=${name}`)).toEqual([
        expect.objectContaining({
          eventId: staged.id,
          environment: 'staging',
          outcome: 'skipped',
          reason:
            'version 1 entered stage Staging, but it has no artifact attached: nothing to load until its ArtifactAttached',
        }),
      ]),
    );
    expect(requests()).toEqual([]);

    const attached = artifactAttached(modelId, 4, 1, SHA, name);
    await publisher(bus).registry(attached);
    await eventually(() => expect(requests()).toHaveLength(1));
    expect(requests()[0].data).toMatchObject({
      name,
      environment: 'staging',
      trigger: { kind: 'stage', causedBy: attached.id },
    });
  });

  it('a pinned "latest" environment takes every new version; other aliases and stages trigger nothing', async () => {
    await t.api('PUT', '/api/v1/environments/edge', { trigger: { kind: 'pinned', version: 'latest' }, replicas: 2 });
    const modelId = newId();
    const name = 'ranker';
    const v1 = versionCreated(modelId, 1, {}, { name, artifact: { sha256: SHA, sizeBytes: 10, uri: 'a/model.onnx' } });
    await publisher(bus).registry(
      modelCreated(modelId, name),
      v1,
      aliasSet(modelId, 3, 'challenger', 1, null, name),
      stageTransitioned(modelId, 4, 1, 'Production', 'None', name),
    );
    await eventually(async () => expect(await knowsVersion(t.service.db, name, 1)).toBe(true));
    await eventually(async () => expect((await triggers(`?model=${name}`)).length).toBeGreaterThan(0));
    expect(requests().map((r) => [r.data.environment, r.data.version, r.data.replicas, r.data.trigger.kind])).toEqual([
      ['edge', 1, 2, 'pinned'],
    ]);
  });

  it('a workflow refusal is recorded as refused, and the events after it are still triggered', async () => {
    const modelId = newId();
    const name = 'pricing';
    await publisher(bus).registry(
      modelCreated(modelId, name),
      versionCreated(modelId, 1, {}, { name }),
      artifactAttached(modelId, 3, 1, SHA, name),
    );
    await eventually(async () => expect(await knowsVersion(t.service.db, name, 1)).toBe(true));
    rollouts.refusal = new IllegalStateError('version 1 is already serving');
    const first = aliasSet(modelId, 4, 'champion', 1, null, name);
    await publisher(bus).registry(first);
    await eventually(async () =>
      expect(await triggers(`?model=${name}&environment=production`)).toEqual([
        expect.objectContaining({ eventId: first.id, outcome: 'refused', reason: 'version 1 is already serving' }),
      ]),
    );
    rollouts.refusal = undefined;
    await publisher(bus).registry(aliasSet(modelId, 5, 'champion', 1, 1, name));
    await eventually(() =>
      expect(
        requests()
          .filter((r) => r.data.environment === 'production')
          .map((r) => r.data.name),
      ).toEqual([name]),
    );
  });

  it('answers a bad query of the trigger log with a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['environment=Prod', 'environment'],
      ['colour=red', 'colour'],
    ])
      expect((await t.api('GET', `/api/v1/triggers?${query}`)).body).toMatchObject({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.stringContaining(field),
      });
  });
});
