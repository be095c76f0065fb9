import { randomBytes } from 'node:crypto';
import { ArtifactsUnderTest, startArtifactsRegistry } from '../../artifacts/artifacts.harness';

const octets = { 'content-type': 'application/octet-stream' };
const json = { 'content-type': 'application/json' };

describe('registry stats over HTTP', () => {
  let t: ArtifactsUnderTest;
  const act = async (method: string, path: string, body?: unknown) => {
    const response = await t.send(
      method,
      path,
      body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
      json,
    );
    expect(response.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_stats');
  });
  afterAll(() => t.close());

  it('counts live models, versions by stage, artifact bytes (shared contents once) and registrations per day', async () => {
    const content = randomBytes(1000);
    const dayBefore = new Date().toISOString().slice(0, 10);
    for (const model of ['churn', 'fraud']) for (let i = 0; i < 2; i++) await t.createVersion(model);
    await t.createVersion('gone');
    await act('DELETE', '/api/v1/models/gone');
    await act('POST', '/api/v1/models/churn/versions/2/stage', { stage: 'Production' });
    await act('DELETE', '/api/v1/models/fraud/versions/2');
    for (const [model, version] of [
      ['churn', 1],
      ['fraud', 1],
    ] as const)
      expect(
        (await t.send('PUT', `/api/v1/models/${model}/versions/${version}/artifact`, content, octets)).status,
      ).toBe(201);

    const stats = t.json(await t.send('GET', '/api/v1/stats'));
    // Registered "today" by the server's clock: the day this test started, or the next one at midnight.
    const today = [dayBefore, new Date().toISOString().slice(0, 10)].includes(stats.versionsPerDay[0]?.day)
      ? stats.versionsPerDay[0].day
      : dayBefore;
    expect(stats).toEqual({
      models: 2,
      versions: 3,
      byStage: { None: 2, Staging: 0, Production: 1, Archived: 0 },
      artifacts: { count: 2, bytes: 2000, distinctBytes: 1000 },
      versionsPerDay: [{ day: today, count: 4 }],
    });
  });

  it('refuses a days value out of range', async () => {
    const refused = await t.send('GET', '/api/v1/stats?days=0');
    expect({ status: refused.status, code: t.json(refused).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
  });
});
