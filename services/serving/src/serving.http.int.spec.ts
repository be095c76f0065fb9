import { eventually } from '@ledger/testing';
import { SHA_GOOD, SHA_MISSING, servingUnderTest, ServingUnderTest } from './serving.harness';

const base = '/api/v1/environments/staging/models/fraud';

describe('serving commands over HTTP', () => {
  let s: ServingUnderTest;
  const api = (method: string, path: string, body?: unknown) => s.t.api(method, path, body);
  const statusOf = async (version: number) => {
    const { body } = await api('GET', '/api/v1/serving?environment=staging');
    return body.models[0]?.versions.find((v: { version: number }) => v.version === version);
  };

  beforeAll(async () => {
    s = await servingUnderTest('serving_http');
  });
  afterAll(() => s?.close());

  it('loads, routes, scales and unloads, each accepted at once and made so by the worker', async () => {
    const loaded = await api('POST', `${base}/versions/1/load`, { artifactSha256: SHA_GOOD, replicas: 2 });
    expect(loaded.status).toBe(202);
    expect(loaded.body.versions).toMatchObject([{ version: 1, status: 'loading', replicas: 2 }]);
    await api('POST', `${base}/versions/2/load`, { artifactSha256: SHA_GOOD });
    await eventually(async () =>
      expect(await statusOf(2)).toMatchObject({ status: 'ready', runtime: { ready: true } }),
    );

    const traffic = {
      routes: [
        { version: 1, weight: 80 },
        { version: 2, weight: 20 },
      ],
      stickyHeader: 'X-User',
    };
    expect((await api('PUT', `${base}/traffic`, traffic)).status).toBe(202);
    expect((await api('POST', `${base}/versions/2/scale`, { replicas: 4 })).status).toBe(202);
    await eventually(async () => {
      const { body } = await api('GET', '/api/v1/serving?environment=staging');
      expect(body.models[0]).toMatchObject({ traffic, trafficInForce: traffic });
      expect(body.models[0].versions[1]).toMatchObject({ version: 2, replicas: 4, runtime: { replicas: 4 } });
    });

    expect((await api('PUT', `${base}/traffic`, { routes: [{ version: 2, weight: 100 }] })).status).toBe(202);
    expect((await api('DELETE', `${base}/versions/1`)).status).toBe(202);
    await eventually(() => expect(s.runtime.loaded().map((v) => v.version)).toEqual([2]));
    await eventually(() => expect(s.published('ServingVersionUnloaded')).toHaveLength(1));
  });

  it('shows a failed load with its reason', async () => {
    await api('POST', `${base}/versions/3/load`, { artifactSha256: SHA_MISSING });
    await eventually(async () =>
      expect(await statusOf(3)).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/no blob/),
        runtime: null,
      }),
    );
  });

  it.each([
    ['POST', '/api/v1/environments/Prod/models/fraud/versions/1/load', { artifactSha256: SHA_GOOD }, /^environment: /],
    ['POST', `${base}/versions/abc/load`, { artifactSha256: SHA_GOOD }, /^version: must be a positive integer/],
    ['POST', `${base}/versions/4/load`, { artifactSha256: 'nope' }, /^artifactSha256: /],
    ['POST', `${base}/versions/4/load`, { artifactSha256: SHA_GOOD, replicas: 33 }, /^replicas: must be at most/],
    [
      'POST',
      `${base}/versions/4/load`,
      { artifactSha256: SHA_GOOD, replicas: 9 },
      /^replicas: must be at most 8 on this server/,
    ],
    ['POST', `${base}/versions/4/load`, { artifactSha256: SHA_GOOD, colour: 'red' }, /^colour: is not a known field/],
    ['PUT', `${base}/traffic`, { routes: [{ version: 2, weight: 60 }] }, /^traffic: route weights must sum to 100/],
    ['PUT', `${base}/traffic`, { routes: [{ version: 2, weight: '100' }] }, /^routes\[0\]\.weight: /],
    ['POST', `${base}/versions/2/scale`, { replicas: 0 }, /^replicas: must be at least 1/],
    ['DELETE', `${base}/versions/0`, undefined, /^version: must be a positive integer/],
  ])('refuses %s %s with a 400 naming the field, and records nothing', async (method, path, body, message) => {
    const before = await s.t.eventCount();
    const response = await api(method, path, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
    expect(await s.t.eventCount()).toBe(before);
  });

  it.each([
    ['PUT', `${base}/traffic`, { routes: [{ version: 3, weight: 100 }] }, 409, /failed to load/],
    [
      'PUT',
      `${base}/traffic`,
      { routes: [{ version: 7, weight: 100 }] },
      404,
      /version 7 of fraud in staging is not loaded/,
    ],
    ['DELETE', `${base}/versions/8`, undefined, 404, /is not loaded/],
    ['POST', `${base}/versions/9/scale`, { replicas: 2 }, 404, /is not loaded/],
    ['POST', `${base}/versions/2/load`, { artifactSha256: SHA_MISSING }, 409, /already loaded with artifact/],
  ])('refuses %s %s (%#) as the decider does, and records nothing', async (method, path, body, status, message) => {
    const before = await s.t.eventCount();
    const response = await api(method, path, body);
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect(await s.t.eventCount()).toBe(before);
  });
});
