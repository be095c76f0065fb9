import { newId, Projection, ProjectionRunner, rebuildInline } from '@ledger/eventstore';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleByName, REGISTRY, RegistryContext } from './registry.context';
import { RegistryUnderTest, startRegistry } from './registry.harness';
import { VERSION_EXAMPLE } from './openapi-examples';
import { createRegistryApp, registryProjections } from './registry.service';
import { registeredModelsProjection } from './model/getting-model/registered-models.projection';

/**
 * The projection, replayed slowly (a wider window while the rebuild runs); `replaying` resolves
 * at the first event, when the rebuild already holds its lock and has emptied the read model.
 */
function slowReplay(projection: Projection): { slow: Projection; replaying: Promise<void> } {
  let started!: () => void;
  const replaying = new Promise<void>((resolve) => (started = resolve));
  const apply = async (tx: Parameters<Projection['apply']>[0], event: Parameters<Projection['apply']>[1]) => {
    started();
    await sleep(100);
    await projection.apply(tx, event);
  };
  return { slow: { ...projection, applyAll: undefined, apply }, replaying };
}

// DESIGN.md invariant 6: dropping a read model and replaying the log gives the same rows.
describe('rebuilding the registry read models', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_rebuild');
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    model_names: await t.registry.db.query(`SELECT * FROM model_names ORDER BY name`),
    registered_models: await t.registry.db.query(`SELECT * FROM registered_models ORDER BY model_id`),
    model_versions: await t.registry.db.query(`SELECT * FROM model_versions ORDER BY model_id, version`),
    model_aliases: await t.registry.db.query(`SELECT * FROM model_aliases ORDER BY model_id, alias`),
    version_artifacts: await t.registry.db.query(`SELECT * FROM version_artifacts ORDER BY model_id, version`),
  });

  // ArtifactAttached through the command handler, as an upload records it once its bytes are stored.
  async function attachArtifact(name: string, version: number, digit: string): Promise<void> {
    const registry = t.registry.app.get<RegistryContext>(REGISTRY, { strict: false });
    const sha256 = digit.repeat(64);
    const metadata = {
      now: new Date().toISOString(),
      newId: newId(),
      actor: { id: 'alice', kind: 'user' as const },
      correlationId: newId(),
      causationId: null,
    };
    const command = {
      type: 'AttachArtifact' as const,
      data: { name, version, sha256, sizeBytes: 10, uri: `file:///store/sha256/${sha256}` },
    };
    await handleByName(registry, command, metadata);
  }

  // Every kind of registry event, so every apply branch of every projection is replayed.
  async function history(): Promise<void> {
    for (const name of ['churn', 'fraud', 'ltv', 'gone']) {
      expect(
        (await t.api('POST', '/api/v1/models', { name, description: `${name} model`, tags: { owner: 'ml' } })).status,
      ).toBe(201);
    }
    // Concurrent, so the registry commits them in batches; one carries every optional field.
    const full = (({ runId, runLink, params, signature, framework, artifact }) => ({
      runId,
      runLink,
      params,
      signature,
      framework,
      artifact,
    }))(VERSION_EXAMPLE);
    await Promise.all(
      ['churn', 'churn', 'fraud', 'churn', 'fraud', 'gone'].map((name, i) =>
        t.api('POST', `/api/v1/models/${name}/versions`, {
          source: `s3://${name}/${i}`,
          metrics: { auc: i / 10 },
          tags: { i: String(i) },
          ...(i === 2 ? full : {}),
        }),
      ),
    );
    const steps: [string, string, unknown?][] = [
      ['PATCH', '/api/v1/models/ltv', { name: 'lifetime-value', description: 'renamed' }],
      ['PUT', '/api/v1/models/churn/tags/primary_metric', { value: 'auc' }],
      ['DELETE', '/api/v1/models/churn/tags/owner'],
      ['PATCH', '/api/v1/models/churn/versions/1', { description: 'first' }],
      ['PUT', '/api/v1/models/churn/versions/1/tags/validated', { value: 'yes' }],
      ['DELETE', '/api/v1/models/churn/versions/1/tags/i'],
      ['PUT', '/api/v1/models/churn/aliases/champion', { version: 1 }],
      ['PUT', '/api/v1/models/churn/aliases/champion', { version: 2 }],
      ['PUT', '/api/v1/models/churn/aliases/shadow', { version: 3 }],
      ['PUT', '/api/v1/models/churn/aliases/old', { version: 1 }],
      ['DELETE', '/api/v1/models/churn/aliases/old'],
      ['POST', '/api/v1/models/churn/versions/1/stage', { stage: 'Production' }],
      ['POST', '/api/v1/models/churn/versions/2/stage', { stage: 'Production', archiveExistingVersions: true }],
      ['DELETE', '/api/v1/models/churn/versions/3'],
      ['DELETE', '/api/v1/models/gone'],
    ];
    for (const [method, path, body] of steps) {
      const { status } = await t.api(method, path, body);
      expect({ path, ok: status >= 200 && status < 300 }).toEqual({ path, ok: true });
    }
    await attachArtifact('churn', 1, 'a');
    await attachArtifact('churn', 2, 'b');
    await attachArtifact('churn', 2, 'b'); // the same digest again: no event
    expect((await t.api('POST', '/api/v1/models', { name: 'gone' })).status).toBe(201);
  }

  it('gives identical rows after every projection is rebuilt from the log', async () => {
    await history();
    const before = await snapshot();
    expect(before.model_names).toHaveLength(4);
    expect(before.registered_models).toHaveLength(5);
    expect(before.model_versions).toHaveLength(6);
    expect(before.model_aliases).toHaveLength(1);
    expect(before.version_artifacts).toHaveLength(2);
    expect(before.model_versions.filter((v: { stage: string }) => v.stage === 'Archived')).toHaveLength(1);

    const runner = new ProjectionRunner(t.registry.db, registryProjections, { databaseUrl: t.databaseUrl });
    for (const projection of registryProjections) await runner.rebuild(projection);

    expect(await snapshot()).toEqual(before);
  });

  it('starts from empty tables, so the rebuild really replays the log', async () => {
    await t.registry.db.transaction(async (tx) => {
      for (const projection of registryProjections) await projection.reset(tx);
    });
    expect((await snapshot()).registered_models).toEqual([]);
    const runner = new ProjectionRunner(t.registry.db, registryProjections, { databaseUrl: t.databaseUrl });
    for (const projection of registryProjections) await runner.rebuild(projection);
    expect((await t.api('GET', '/api/v1/models/churn')).body.latestVersion).toBe(3);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/champion')).body.version).toBe(2);
  });

  it('rebuilds an inline read model while commands run, without letting a taken name through', async () => {
    const names = registryProjections[0];
    expect(names.name).toBe('model_names');
    const { slow, replaying } = slowReplay(names);
    const rebuilding = rebuildInline(t.registry.db, slow);
    await replaying;
    const racing = await t.api('POST', '/api/v1/models', { name: 'fraud' });
    expect(racing.status).toBe(400);
    expect(racing.body.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    expect(await rebuilding).toBeGreaterThan(0);
    expect(await t.registry.db.query(`SELECT count(*)::int AS n FROM model_names WHERE name = 'fraud'`)).toEqual([
      { n: 1 },
    ]);
    expect((await t.api('POST', '/api/v1/models', { name: 'fresh-after-rebuild' })).status).toBe(201);
  });

  it('lets a rename that arrives during an inline rebuild wait for it, then apply on the rebuilt rows', async () => {
    const names = registryProjections[0];
    const { slow, replaying } = slowReplay(names);
    const finished: string[] = [];
    const rebuilding = rebuildInline(t.registry.db, slow).then(() => finished.push('rebuild'));
    await replaying;
    const renaming = t
      .api('PATCH', '/api/v1/models/lifetime-value', { name: 'ltv-2' })
      .then((r) => (finished.push('rename'), r));
    const [, renamed] = await Promise.all([rebuilding, renaming]);
    expect(renamed.status).toBe(200);
    expect(finished).toEqual(['rebuild', 'rename']);
    const rows = await t.registry.db.query(`SELECT name FROM model_names WHERE name IN ('lifetime-value', 'ltv-2')`);
    expect(rows).toEqual([{ name: 'ltv-2' }]);
  });

  it('rebuilds at start a read model written by another version of its definition', async () => {
    await t.api('POST', '/api/v1/models', { name: 'restarted' });
    await t.api('POST', '/api/v1/models/restarted/versions', {});
    const before = await snapshot();
    // As if the rows came from older code: another recorded version, and rows that code wrote differently.
    await t.registry.db.query(`UPDATE projection_versions SET version = 1 WHERE name = 'registered_models'`);
    await t.registry.db.query(`UPDATE registered_models SET updated_at = '2000-01-01', description = 'stale'`);
    const again = await createRegistryApp({
      databaseUrl: t.databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: ['error'],
      processMetrics: false,
    });
    try {
      expect(await snapshot()).toEqual(before);
      const [{ version }] = await t.registry.db.query(
        `SELECT version FROM projection_versions WHERE name = 'registered_models'`,
      );
      expect(version).toBe(registeredModelsProjection.version);
    } finally {
      await again.close();
    }
  });
});
