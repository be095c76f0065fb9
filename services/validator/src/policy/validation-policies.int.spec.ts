import { serviceUnderTest, ServiceUnderTest } from '@ledger/testing';
import { validatorService } from '../validator.service';
import { ValidatorContext } from '../validator.context';

const THRESHOLD = { kind: 'threshold', metric: 'auc', threshold: 0.8, greater_is_better: true };

describe('validation policies over HTTP', () => {
  let t: ServiceUnderTest<ValidatorContext>;
  beforeAll(async () => {
    t = await serviceUnderTest(validatorService, { label: 'validator_policies' });
  });
  afterAll(() => t.close());

  const put = (model: string, body: unknown, contentType = 'application/json') =>
    t.api('PUT', `/api/v1/validation-policies/${model}`, body, { 'content-type': contentType });
  const refused = async (body: unknown, message: RegExp, contentType?: string) => {
    const response = await put('churn-bad', body, contentType);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  };

  it('given no policy set, then the default (version 0, warnings only) is in force', async () => {
    const { body } = await t.api('GET', '/api/v1/validation-policies/fresh-model');
    expect(body).toMatchObject({
      policyVersion: 0,
      isSet: false,
      checks: [{ id: 'default-metadata', blocking: false }],
    });
  });

  it('versions each policy set, as JSON or YAML, and keeps the history with who set it', async () => {
    const first = await put('churn', { checks: [THRESHOLD] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      policyVersion: 1,
      format: 'json',
      checks: [{ id: 'threshold-1', blocking: true, baseline: { alias: 'champion', stage: 'Production' } }],
    });
    const yaml = `checks:\n  - id: auc\n    kind: threshold\n    metric: auc\n    min_relative_change: 0.05\n    greater_is_better: true\n  - kind: required_metadata\n    blocking: false\n    tags: [owner]\n`;
    const second = await put('churn', yaml, 'application/yaml');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      policyVersion: 2,
      format: 'yaml',
      checks: [{ id: 'auc' }, { id: 'required_metadata-2' }],
    });
    // The same checks again change nothing.
    expect((await put('churn', yaml, 'application/yaml')).body.policyVersion).toBe(2);

    const history = (await t.api('GET', '/api/v1/validation-policies/churn/history')).body.policies;
    expect(history.map((p: { policyVersion: number; format: string }) => [p.policyVersion, p.format])).toEqual([
      [1, 'json'],
      [2, 'yaml'],
    ]);
    expect(history[0].setBy).toEqual(expect.any(String));
    expect((await t.api('GET', '/api/v1/validation-policies/churn')).body.policyVersion).toBe(2);
  });

  it('refuses a wrong type naming the field', async () => {
    await refused(
      { checks: [THRESHOLD, THRESHOLD, { ...THRESHOLD, threshold: 'high' }] },
      /^checks\[2\]\.threshold: must be a number, got string/,
    );
  });

  it('refuses an unknown check kind and an unknown field', async () => {
    await refused({ checks: [{ kind: 'vibes' }] }, /checks\[0\]\.kind/);
    await refused({ checks: [{ ...THRESHOLD, treshold: 1 }] }, /checks\[0\]\.treshold: is not a known field/);
  });

  it('refuses MLflow-invalid thresholds: greater_is_better missing, non-positive absolute change, relative change above 1', async () => {
    const { greater_is_better: _, ...noDirection } = THRESHOLD;
    await refused({ checks: [noDirection] }, /checks\[0\]\.greater_is_better: is required/);
    await refused({ checks: [{ ...THRESHOLD, min_absolute_change: 0 }] }, /checks\[0\]\.min_absolute_change/);
    await refused({ checks: [{ ...THRESHOLD, min_relative_change: 1.5 }] }, /checks\[0\]\.min_relative_change/);
  });

  it('refuses two checks with one id', async () => {
    await refused(
      {
        checks: [
          { ...THRESHOLD, id: 'auc' },
          { ...THRESHOLD, id: 'auc' },
        ],
      },
      /checks\[1\]\.id/,
    );
  });

  it('refuses a kind this validator has no evaluator for yet, saying so', async () => {
    const drift = { kind: 'drift', reference: { name: 'ref' }, current: { name: 'cur' } };
    await refused({ checks: [THRESHOLD, drift] }, /checks\[1\]\.kind: check kind "drift" is not available yet/);
  });

  it('refuses a YAML document that does not parse', async () => {
    await refused('checks: [ {kind: threshold', /request body: not a YAML document/, 'application/yaml');
  });

  it('refuses a run of a malformed version (400), of a version it does not know (404), and a malformed run id (400)', async () => {
    const response = await t.api('POST', '/api/v1/validations', { name: 'churn', version: 'one' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^version: must be a number/);
    expect((await t.api('POST', '/api/v1/validations', { name: 'nobody', version: 1 })).status).toBe(404);
    expect((await t.api('GET', '/api/v1/validations/not-a-uuid')).status).toBe(400);
  });

  it('documents every route in OpenAPI', async () => {
    const { paths } = (await t.api('GET', '/docs-json')).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/validation-policies/{name}',
        '/api/v1/validation-policies/{name}/history',
        '/api/v1/validations',
        '/api/v1/validations/stats',
        '/api/v1/validations/{runId}',
      ]),
    );
    expect(Object.keys(paths['/api/v1/validations'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(paths['/api/v1/validation-policies/{name}'].put.requestBody.content).toHaveProperty('application/yaml');
  });
});
