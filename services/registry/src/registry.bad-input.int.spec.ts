import { RegistryUnderTest, startRegistry } from './registry.harness';

// DESIGN.md §7: bad input gets a 4xx with { error_code, message }, never a 500, and writes nothing.
describe('bad input to the registry API', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_bad_input');
    expect((await t.api('POST', '/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/models/churn/versions', {})).status).toBe(201);
  });
  afterAll(() => t.close());

  const cases: [string, string, string, unknown, number, string, RegExp, Record<string, string>?][] = [
    ['malformed JSON', 'POST', '/api/v1/models', '{"name": "x"', 400, 'MALFORMED_REQUEST', /malformed request/],
    ['malformed JSON on versions', 'POST', '/api/v1/models/churn/versions', '{source:', 400, 'MALFORMED_REQUEST', /malformed request/],
    ['a JSON string instead of an object', 'POST', '/api/v1/models', '"churn"', 400, 'MALFORMED_REQUEST', /malformed request/],
    ['a JSON array instead of an object', 'POST', '/api/v1/models', '[]', 400, 'INVALID_PARAMETER_VALUE', /^request body: must be an object, got an array$/],
    ['missing name', 'POST', '/api/v1/models', { description: 'no name' }, 400, 'INVALID_PARAMETER_VALUE', /^name: is required$/],
    ['empty name', 'POST', '/api/v1/models', { name: '' }, 400, 'INVALID_PARAMETER_VALUE', /^name: must not be empty$/],
    ['name of 257 characters', 'POST', '/api/v1/models', { name: 'n'.repeat(257) }, 400, 'INVALID_PARAMETER_VALUE', /^name: must be at most 256 characters$/],
    ['name with a slash', 'POST', '/api/v1/models', { name: 'a/b' }, 400, 'INVALID_PARAMETER_VALUE', /^name: must not contain "\/"/],
    ['name of the wrong type', 'POST', '/api/v1/models', { name: 42 }, 400, 'INVALID_PARAMETER_VALUE', /^name: must be a string, got number$/],
    ['tags of the wrong type', 'POST', '/api/v1/models', { name: 'ok', tags: ['a'] }, 400, 'INVALID_PARAMETER_VALUE', /^tags: /],
    ['an unknown field', 'POST', '/api/v1/models', { name: 'ok', owner: 'me' }, 400, 'INVALID_PARAMETER_VALUE', /^owner: is not a known field$/],
    ['a metric that is not a number', 'POST', '/api/v1/models/churn/versions', { metrics: { auc: 'high' } }, 400, 'INVALID_PARAMETER_VALUE', /^metrics\.auc: must be a number, got string$/],
    ['a body that is not JSON', 'POST', '/api/v1/models', 'name=churn', 415, 'UNSUPPORTED_MEDIA_TYPE', /must be JSON/, { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a body over 1mb', 'POST', '/api/v1/models', JSON.stringify({ name: 'big', description: 'x'.repeat(1_100_000) }), 413, 'REQUEST_TOO_LARGE', /larger than the limit/],
    ['an unknown model (register)', 'POST', '/api/v1/models/ghost/versions', {}, 404, 'RESOURCE_DOES_NOT_EXIST', /^registered model "ghost" does not exist$/],
    ['an unknown model (get)', 'GET', '/api/v1/models/ghost', undefined, 404, 'RESOURCE_DOES_NOT_EXIST', /"ghost" does not exist/],
    ['an unknown model (list)', 'GET', '/api/v1/models/ghost/versions', undefined, 404, 'RESOURCE_DOES_NOT_EXIST', /"ghost" does not exist/],
    ['version "abc"', 'GET', '/api/v1/models/churn/versions/abc', undefined, 400, 'INVALID_PARAMETER_VALUE', /^version: must be a positive integer$/],
    ['version "1.5"', 'GET', '/api/v1/models/churn/versions/1.5', undefined, 400, 'INVALID_PARAMETER_VALUE', /^version: must be a positive integer$/],
    ['version 0', 'GET', '/api/v1/models/churn/versions/0', undefined, 400, 'INVALID_PARAMETER_VALUE', /^version: must be a positive integer$/],
    ['version -1', 'GET', '/api/v1/models/churn/versions/-1', undefined, 400, 'INVALID_PARAMETER_VALUE', /^version: must be a positive integer$/],
    ['version beyond int range', 'GET', '/api/v1/models/churn/versions/99999999999', undefined, 400, 'INVALID_PARAMETER_VALUE', /^version: must be at most/],
    ['a missing version', 'GET', '/api/v1/models/churn/versions/7', undefined, 404, 'RESOURCE_DOES_NOT_EXIST', /^version 7 of registered model "churn" does not exist$/],
    ['a path name over 256 characters', 'GET', `/api/v1/models/${'n'.repeat(257)}`, undefined, 400, 'INVALID_PARAMETER_VALUE', /^name: must be at most 256/],
    ['a broken percent-encoding', 'GET', '/api/v1/models/%FF', undefined, 400, 'MALFORMED_REQUEST', /malformed request/],
    ['an unknown route', 'GET', '/api/v1/nothing', undefined, 404, 'ENDPOINT_NOT_FOUND', /no endpoint GET \/api\/v1\/nothing/],
    ['an unsupported method', 'PUT', '/api/v1/models/churn', undefined, 404, 'ENDPOINT_NOT_FOUND', /no endpoint PUT/],
    ['a rename without a body', 'PATCH', '/api/v1/models/churn', {}, 400, 'INVALID_PARAMETER_VALUE', /give name, description or both/],
    ['an alias version that is not a number', 'PUT', '/api/v1/models/churn/aliases/champion', { version: 'one' }, 400, 'INVALID_PARAMETER_VALUE', /^version: must be a number/],
    ['an alias on an unknown version', 'PUT', '/api/v1/models/churn/aliases/champion', { version: 7 }, 404, 'RESOURCE_DOES_NOT_EXIST', /version 7 of/],
    ['a stage transition without a stage', 'POST', '/api/v1/models/churn/versions/1/stage', {}, 400, 'INVALID_PARAMETER_VALUE', /^stage: is required$/],
    ['a version tag key over 250 characters', 'PUT', `/api/v1/models/churn/versions/1/tags/${'k'.repeat(251)}`, { value: 'v' }, 400, 'INVALID_PARAMETER_VALUE', /^key: must be at most 250/],
    ['a model tag value over 5000 characters', 'PUT', '/api/v1/models/churn/tags/long', { value: 'v'.repeat(5001) }, 400, 'INVALID_PARAMETER_VALUE', /^value: must be at most 5000/],
    ['a version tag value over 100000 characters', 'PUT', '/api/v1/models/churn/versions/1/tags/long', { value: 'v'.repeat(100_001) }, 400, 'INVALID_PARAMETER_VALUE', /^value: must be at most 100000/],
    ['a signature that is not one', 'POST', '/api/v1/models/churn/versions', { signature: { inputs: 'x' } }, 400, 'INVALID_PARAMETER_VALUE', /^signature\.inputs/],
    ['a signature naming one input twice', 'POST', '/api/v1/models/churn/versions', { signature: { inputs: [{ name: 'a', type: 'int64' }, { name: 'a', type: 'float32' }], outputs: [] } }, 400, 'INVALID_PARAMETER_VALUE', /^signature\.inputs: names must be unique$/],
    ['a storage location from the caller (the registry resolves it)', 'POST', '/api/v1/models/churn/versions', { source: 's3://x', storageLocation: 's3://elsewhere' }, 400, 'INVALID_PARAMETER_VALUE', /^storageLocation: is not a known field$/],
    ['an artifact with a bad digest', 'POST', '/api/v1/models/churn/versions', { artifact: { sha256: 'zz', sizeBytes: 1, uri: 'file:///x' } }, 400, 'INVALID_PARAMETER_VALUE', /^artifact\.sha256: must be 64/],
    ['an invalid X-Actor', 'POST', '/api/v1/models', { name: 'acted' }, 400, 'INVALID_PARAMETER_VALUE', /^X-Actor header/, { 'x-actor': 'u'.repeat(300) }],
  ];

  // One argument (the row), so Jest never mistakes a trailing parameter for a done callback.
  it.each(cases.map((row) => [row[0], row]))('%s', async (_, [, method, path, body, status, errorCode, message, headers]) => {
    const before = await t.eventCount();
    const response = await t.api(method, path, body, headers);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(expect.objectContaining({ error_code: errorCode, message: expect.stringMatching(message) }));
    expect(Object.keys(response.body).sort()).toEqual(expect.arrayContaining(['error_code', 'message']));
    expect(JSON.stringify(response.body)).not.toMatch(/\bat \w+ \(|node_modules|QueryFailedError/);
    expect(await t.eventCount()).toBe(before);
  });
});
