import { ProjectionRunner } from '@ledger/eventstore';
import { registryProjections } from './registry.context';
import { RegistryUnderTest, startRegistry } from './registry.harness';

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
  });

  it('gives identical rows after every projection is rebuilt from the log', async () => {
    for (const name of ['churn', 'fraud', 'ltv']) {
      expect((await t.api('POST', '/api/v1/models', { name, description: `${name} model`, tags: { owner: 'ml' } })).status).toBe(201);
    }
    await Promise.all(
      ['churn', 'churn', 'fraud', 'churn', 'fraud'].map((name, i) =>
        t.api('POST', `/api/v1/models/${name}/versions`, { source: `s3://${name}/${i}`, metrics: { auc: i / 10 }, tags: { i: String(i) } }),
      ),
    );
    const before = await snapshot();
    expect(before.model_names).toHaveLength(3);
    expect(before.registered_models).toHaveLength(3);
    expect(before.model_versions).toHaveLength(5);

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
  });
});
