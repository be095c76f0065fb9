import { classifierHoldout } from '../onnx-fixtures.fixture';
import { dataPlaneUnderTest, DataPlaneUnderTest } from '../data-plane.harness';

// The inference routes over real replicas of the real fixtures, through the real HTTP stack.
describe('inference over HTTP', () => {
  let serving: DataPlaneUnderTest;
  let holdout: Awaited<ReturnType<typeof classifierHoldout>>;
  const v2 = (rows: number[][], extra: object = {}) => ({
    inputs: [{ name: 'float_input', shape: [rows.length, 8], datatype: 'FP32', data: rows }],
    ...extra,
  });

  beforeAll(async () => {
    holdout = await classifierHoldout();
    serving = await dataPlaneUnderTest({ label: 'serving-inference', config: { maxRows: 100, maxBodyBytes: 100_000 } });
    const signature = { inputs: holdout.features.map((name) => ({ name, type: 'double' })), outputs: [] };
    await serving.loadFixture('classifier.onnx', 1, { replicas: 2, signature });
    serving.plane.setTraffic('churn', 'production', { routes: [{ version: 1, weight: 100 }] });
  });
  afterAll(() => serving.close());

  it('answers server metadata, liveness and readiness as Open Inference Protocol v2 says', async () => {
    expect(await serving.api('GET', '/v2')).toMatchObject({
      status: 200,
      body: { name: expect.any(String), extensions: [] },
    });
    expect(await serving.api('GET', '/v2/health/live')).toEqual({ status: 200, body: { live: true } });
    expect(await serving.api('GET', '/v2/health/ready')).toEqual({ status: 200, body: { ready: true } });
    expect(await serving.api('GET', '/v2/models/churn/ready')).toEqual({
      status: 200,
      body: { name: 'churn', ready: true },
    });
    expect((await serving.api('GET', '/v2/models/churn/versions/1/ready')).status).toBe(200);
  });

  it("describes the model's tensors with OIP datatypes and -1 for free dimensions", async () => {
    const { status, body } = await serving.api('GET', '/v2/models/churn');
    expect(status).toBe(200);
    expect(body).toEqual({
      name: 'churn',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'float_input', datatype: 'FP32', shape: [-1, 8] }],
      outputs: [
        { name: 'label', datatype: 'INT64', shape: [-1] },
        { name: 'probabilities', datatype: 'FP32', shape: [-1, 2] },
      ],
    });
  });

  it('infers the holdout rows as onnxruntime in Python does, echoes the id, and says which version and environment served', async () => {
    const response = await fetch(`${serving.service.url}/v2/models/churn/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(v2(holdout.rows, { id: 'req-1' })),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ledger-model-version')).toBe('1');
    expect(response.headers.get('x-ledger-environment')).toBe('production');
    const body = (await response.json()) as { outputs: { data: number[] }[] };
    expect(body).toMatchObject({ model_name: 'churn', model_version: '1', id: 'req-1' });
    const [label, probabilities] = body.outputs;
    expect(label).toEqual({ name: 'label', shape: [20], datatype: 'INT64', data: holdout.expected.labels });
    expect(probabilities).toMatchObject({ name: 'probabilities', shape: [20, 2], datatype: 'FP32' });
    holdout.expected.probabilities.flat().forEach((p, i) => expect(probabilities.data[i]).toBeCloseTo(p, 6));
  });

  it('returns only the outputs asked for, and serves a pinned version', async () => {
    const { body } = await serving.api(
      'POST',
      '/v2/models/churn/versions/1/infer',
      v2([holdout.rows[0]], { outputs: [{ name: 'label' }] }),
    );
    expect(body.outputs).toEqual([
      { name: 'label', shape: [1], datatype: 'INT64', data: [holdout.expected.labels[0]] },
    ]);
  });

  it('predicts KServe v1 instances given as rows or as objects keyed by the signature columns', async () => {
    const rows = holdout.rows.slice(0, 3);
    const objects = rows.map((row) => Object.fromEntries(holdout.features.map((f, j) => [f, row[j]])));
    const byRows = await serving.api('POST', '/v1/models/churn:predict', { instances: rows });
    const byObjects = await serving.api('POST', '/v1/models/churn:predict', { instances: objects });
    expect(byRows.status).toBe(200);
    expect(byRows.body.predictions).toHaveLength(3);
    expect(byRows.body.predictions[0]).toEqual({
      label: holdout.expected.labels[0],
      probabilities: [expect.any(Number), expect.any(Number)],
    });
    expect(byObjects.body).toEqual(byRows.body);
    expect((await serving.api('GET', '/v1/models/churn')).body).toEqual({ name: 'churn', ready: true });
  });

  it.each([
    [
      'a wrong datatype',
      { inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6, 7, 8] }] },
      /datatype "FP64"; the model takes FP32/,
    ],
    [
      'a wrong shape',
      { inputs: [{ name: 'float_input', shape: [1, 7], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6, 7] }] },
      /does not fit the model's \[-1, 8\]/,
    ],
    [
      'data shorter than its shape',
      { inputs: [{ name: 'float_input', shape: [2, 8], datatype: 'FP32', data: [1, 2, 3] }] },
      /3 values for shape \[2, 8\] \(16 expected\)/,
    ],
    [
      'a string among numbers',
      { inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: [1, 2, 3, 'x', 5, 6, 7, 8] }] },
      /element 3 is "x", not a number/,
    ],
    [
      'an unknown input',
      { inputs: [{ name: 'age', shape: [1, 1], datatype: 'FP32', data: [1] }] },
      /no such input; it takes "float_input"/,
    ],
    ['no inputs', { inputs: [] }, /inputs: must be a non-empty array/],
    [
      'too many rows',
      { inputs: [{ name: 'float_input', shape: [101, 8], datatype: 'FP32', data: new Array(808).fill(0) }] },
      /101 rows is more than the 100/,
    ],
    [
      'an unknown output',
      {
        ...{ inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: new Array(8).fill(0) }] },
        outputs: [{ name: 'x' }],
      },
      /no output "x"/,
    ],
  ])('refuses %s with 400 naming the problem', async (_case, body, message) => {
    const { status, body: error } = await serving.api('POST', '/v2/models/churn/infer', body);
    expect(status).toBe(400);
    expect(error).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) });
    expect(error.error).toBe(error.message);
  });

  it('refuses malformed JSON and bad v1 instances with 400 INVALID_PARAMETER_VALUE', async () => {
    const malformed = await serving.api('POST', '/v2/models/churn/infer', '{"inputs": [');
    expect(malformed).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const short = await serving.api('POST', '/v1/models/churn:predict', { instances: [[1, 2]] });
    expect(short).toMatchObject({ status: 400, body: { message: 'instances[0]: 2 values; the model takes 8' } });
    const unknownColumn = await serving.api('POST', '/v1/models/churn:predict', { instances: [{ tenure: 1 }] });
    expect(unknownColumn.body.message).toMatch(/missing column\(s\) tenure_months/);
  });

  it('reads a JSON body whatever its Content-Type, and refuses binary tensors saying how to send JSON', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${serving.service.url}/v2/models/churn/infer`, {
        method: 'POST',
        headers,
        body: JSON.stringify(v2([holdout.rows[0]])),
      });
    expect((await post({})).status).toBe(200);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const binary = await post({ 'inference-header-content-length': '10' });
    expect(binary.status).toBe(400);
    expect(await binary.json()).toMatchObject({ message: expect.stringContaining('send the tensors as JSON') });
  });

  it('refuses a body over the size limit with 400', async () => {
    const huge = JSON.stringify(v2(Array.from({ length: 20_000 }, () => holdout.rows[0])));
    const { status, body } = await serving.api('POST', '/v2/models/churn/infer', huge);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'request body is larger than the limit of 100000 bytes',
    });
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown model, version or environment', async () => {
    const row = v2([holdout.rows[0]]);
    const unknown = [
      await serving.api('POST', '/v2/models/nope/infer', row),
      await serving.api('POST', '/v2/models/churn/versions/9/infer', row),
      await serving.api('POST', '/v2/models/churn/infer', row, { 'X-Ledger-Environment': 'staging' }),
      await serving.api('GET', '/v2/models/nope'),
      await serving.api('POST', '/v1/models/nope:predict', { instances: [holdout.rows[0]] }),
    ];
    for (const answer of unknown)
      expect(answer).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(unknown[2].body.message).toBe('environment "staging" serves no models here');
  });
});
