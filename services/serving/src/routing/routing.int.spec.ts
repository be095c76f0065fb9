import { eventually } from '@ledger/testing';
import { classifierHoldout } from '../onnx-fixtures.fixture';
import { dataPlaneUnderTest, DataPlaneUnderTest } from '../data-plane.harness';

// Routing tables, shadows and the metrics the deployer's analysis reads, over real replicas.
describe('routing traffic between versions and measuring each', () => {
  let serving: DataPlaneUnderTest;
  let row: number[];
  const infer = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${serving.service.url}/v2/models/churn/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: row }] }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, version: response.headers.get('x-ledger-model-version'), body };
  };
  const metrics = async (windowSeconds?: number) =>
    (
      await serving.api(
        'GET',
        `/api/v1/environments/production/models/churn/metrics${windowSeconds ? `?windowSeconds=${windowSeconds}` : ''}`,
      )
    ).body;

  beforeAll(async () => {
    row = (await classifierHoldout()).rows[0];
    serving = await dataPlaneUnderTest({ label: 'serving-routing' });
    await serving.loadFixture('classifier.onnx', 1, { replicas: 2 });
    await serving.loadFixture('classifier_worse.onnx', 2);
    await serving.loadFixture('classifier_faulty.onnx', 3);
  });
  afterAll(() => serving.close());

  it('splits requests by weight and says which version served each', async () => {
    serving.plane.setTraffic('churn', 'production', {
      routes: [
        { version: 1, weight: 70 },
        { version: 2, weight: 30 },
      ],
    });
    const versions = await Promise.all(Array.from({ length: 400 }, () => infer().then((r) => r.version)));
    const toTwo = versions.filter((v) => v === '2').length / versions.length;
    expect(versions.every((v) => v === '1' || v === '2')).toBe(true);
    expect(toTwo).toBeGreaterThan(0.2);
    expect(toTwo).toBeLessThan(0.4);
  });

  it('keeps a sticky key on one version while the table is unchanged', async () => {
    serving.plane.setTraffic('churn', 'production', {
      routes: [
        { version: 1, weight: 50 },
        { version: 2, weight: 50 },
      ],
      stickyHeader: 'X-Customer',
    });
    for (const customer of ['ann', 'bob', 'cem', 'dov', 'eve']) {
      const versions = new Set<string | null>();
      for (let i = 0; i < 10; i++) versions.add((await infer({ 'X-Customer': customer })).version);
      expect(versions.size).toBe(1);
    }
  });

  it('answers 500 with the reason when the version fails at run time, counted as its error, not the input', async () => {
    serving.plane.setTraffic('churn', 'production', { routes: [{ version: 3, weight: 100 }] });
    const failed = await infer();
    expect(failed).toMatchObject({ status: 500, version: '3' });
    expect(failed.body).toMatchObject({
      error_code: 'INTERNAL_ERROR',
      message: expect.stringMatching(/^version 3 of model "churn" failed to run: .*out of data bounds/),
    });
    await serving.api('POST', '/v2/models/churn/infer', { inputs: [] });
    const three = (await metrics()).versions.find((v: { version: number }) => v.version === 3);
    expect(three).toMatchObject({ requests: 2, errors: 1, rejected: 1, errorRate: 1 });
  });

  it('copies every request to the shadow version, discards its answer and measures it', async () => {
    serving.plane.setTraffic('churn', 'production', { routes: [{ version: 1, weight: 100 }], shadowVersion: 3 });
    const before = (await metrics()).versions.find((v: { version: number }) => v.version === 3);
    const answers = await Promise.all(Array.from({ length: 10 }, () => infer()));
    expect(answers.every((a) => a.status === 200 && a.version === '1')).toBe(true);
    await eventually(async () => {
      const three = (await metrics()).versions.find((v: { version: number }) => v.version === 3);
      expect(three).toMatchObject({ requests: before.requests, shadowRequests: 10, shadowErrors: 10 });
    });
  });

  it('reads per-version counts and latency over a window of the injected clock, and on /metrics', async () => {
    const window = await metrics(60);
    expect(window).toMatchObject({ name: 'churn', environment: 'production', windowSeconds: 60 });
    const one = window.versions.find((v: { version: number }) => v.version === 1);
    expect(one.requests).toBeGreaterThan(0);
    expect(one).toMatchObject({ errors: 0, rejected: 0, errorRate: 0 });
    expect(one.p99Ms).toBeGreaterThanOrEqual(one.p50Ms);
    serving.clock.advance(61_000);
    expect((await metrics(60)).versions).toEqual(
      [1, 2, 3].map((version) => expect.objectContaining({ version, requests: 0, errorRate: null, p99Ms: null })),
    );
    expect((await metrics(3600)).versions[0].requests).toBe(one.requests);
    const prometheus = await serving.api('GET', '/metrics');
    expect(prometheus.body).toMatch(
      /serving_requests_total\{[^}]*model="churn",version="3",environment="production",outcome="error"[^}]*\} 1/,
    );
    expect(prometheus.body).toMatch(/serving_replicas\{[^}]*model="churn",version="1"[^}]*\} 2/);
  });

  it('refuses a window outside 1..3600 seconds', async () => {
    for (const bad of ['0', '3601', 'soon']) {
      const answer = await serving.api(
        'GET',
        `/api/v1/environments/production/models/churn/metrics?windowSeconds=${bad}`,
      );
      expect(answer).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    }
  });
});
