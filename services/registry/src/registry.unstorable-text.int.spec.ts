import { connect } from 'node:net';
import { dlqTopic, Topics } from '@ledger/contracts';
import { DLQ_HEADERS } from '@ledger/messaging';
import { eventually } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from './registry.harness';
import { RegistryOnBus, startRegistryOnBus } from './registry.bus.harness';

// PostgreSQL stores neither the NUL character nor a lone UTF-16 surrogate (its jsonb refuses
// both escapes). Every route refuses them with a 400 naming the field, writes nothing, and never
// answers 500. A JSON body is sent as written, so "\u0000" reaches the server as the escape.
const NUL = '\\u0000';
const LONE = '\\ud83e';
const body = (json: string) => json.replaceAll('NUL', NUL).replaceAll('LONE', LONE);

describe('text PostgreSQL cannot store, sent to the registry', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_unstorable_text');
    expect((await t.api('POST', '/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/models/churn/versions', {})).status).toBe(201);
  });
  afterAll(() => t.close());

  const cases: [string, string, string, string, RegExp][] = [
    [
      'a model tag value (create)',
      'POST',
      '/api/v1/models',
      '{"name":"m1","tags":{"team":"aNUL"}}',
      /^tags\.team: must not contain the NUL character$/,
    ],
    [
      'a model tag key (create)',
      'POST',
      '/api/v1/models',
      '{"name":"m2","tags":{"teNULam":"a"}}',
      /^tags: key "te\\u0000am" must not contain the NUL character$/,
    ],
    [
      'a model description (create)',
      'POST',
      '/api/v1/models',
      '{"name":"m3","description":"NUL"}',
      /^description: must not contain the NUL character$/,
    ],
    [
      'a model description (update)',
      'PATCH',
      '/api/v1/models/churn',
      '{"description":"aNUL"}',
      /^description: must not contain the NUL character$/,
    ],
    [
      'a model tag value (set)',
      'PUT',
      '/api/v1/models/churn/tags/team',
      '{"value":"NUL"}',
      /^value: must not contain the NUL character$/,
    ],
    [
      'a model tag key in the path',
      'PUT',
      '/api/v1/models/churn/tags/te%00am',
      '{"value":"a"}',
      /^key: must not contain the NUL character$/,
    ],
    [
      'a lone surrogate in a model tag value',
      'PUT',
      '/api/v1/models/churn/tags/team',
      '{"value":"aLONE"}',
      /^value: must not contain a lone UTF-16 surrogate/,
    ],
    [
      'a version description (register)',
      'POST',
      '/api/v1/models/churn/versions',
      '{"description":"NUL"}',
      /^description: must not contain the NUL character$/,
    ],
    [
      'a version tag key (register)',
      'POST',
      '/api/v1/models/churn/versions',
      '{"tags":{"NUL":"a"}}',
      /^tags: key "\\u0000" must not contain the NUL character$/,
    ],
    [
      'a metric name (register)',
      'POST',
      '/api/v1/models/churn/versions',
      '{"metrics":{"aucLONE":1}}',
      /^metrics: key "auc\\ud83e" must not contain a lone UTF-16 surrogate/,
    ],
    [
      'a signature input name (register)',
      'POST',
      '/api/v1/models/churn/versions',
      '{"signature":{"inputs":[{"name":"aNUL","type":"int64"}],"outputs":[]}}',
      /^signature\.inputs\[0\]\.name: must not contain the NUL/,
    ],
    [
      'a version description (update)',
      'PATCH',
      '/api/v1/models/churn/versions/1',
      '{"description":"NUL"}',
      /^description: must not contain the NUL character$/,
    ],
    [
      'a version tag value (set)',
      'PUT',
      '/api/v1/models/churn/versions/1/tags/team',
      '{"value":"LONE"}',
      /^value: must not contain a lone UTF-16 surrogate/,
    ],
    [
      'an MLflow model tag value',
      'POST',
      '/api/2.0/mlflow/registered-models/set-tag',
      '{"name":"churn","key":"team","value":"aNUL"}',
      /^Invalid value "a\\u0000" for parameter 'value' supplied\. It must not contain the NUL character\./,
    ],
    [
      'an MLflow model tag key',
      'POST',
      '/api/2.0/mlflow/registered-models/set-tag',
      '{"name":"churn","key":"teNULam","value":"a"}',
      /for parameter 'key' supplied\. It must not contain the NUL/,
    ],
    [
      'an MLflow model description',
      'PATCH',
      '/api/2.0/mlflow/registered-models/update',
      '{"name":"churn","description":"NUL"}',
      /for parameter 'description' supplied\. It must not contain the NUL/,
    ],
    [
      'an MLflow create with a tag key',
      'POST',
      '/api/2.0/mlflow/registered-models/create',
      '{"name":"m4","tags":[{"key":"NUL","value":"a"}]}',
      /^tags: key "\\u0000" must not/,
    ],
    [
      'an MLflow version description',
      'PATCH',
      '/api/2.0/mlflow/model-versions/update',
      '{"name":"churn","version":"1","description":"LONE"}',
      /for parameter 'description' supplied\. It must not contain a lone UTF-16/,
    ],
    [
      'an MLflow version tag value',
      'POST',
      '/api/2.0/mlflow/model-versions/set-tag',
      '{"name":"churn","version":"1","key":"k","value":"NUL"}',
      /for parameter 'value' supplied\. It must not contain the NUL/,
    ],
  ];

  it.each(cases.map((row) => [row[0], row]))(
    'refuses %s with a 400 naming the field',
    async (_, [, method, path, json, message]) => {
      const before = await t.eventCount();
      const response = await t.api(method, path, body(json));
      expect(response.body).toEqual(
        expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) }),
      );
      expect(response.status).toBe(400);
      expect(await t.eventCount()).toBe(before);
    },
  );

  // Reads send their parameters to PostgreSQL too: a NUL there must not become a 500 either.
  it('refuses a NUL in an alias to look up', async () => {
    expect((await t.api('GET', '/api/v1/models/churn/aliases/a%00')).body.message).toBe(
      'alias: must not contain the NUL character',
    );
    expect((await t.api('GET', '/api/2.0/mlflow/registered-models/alias?name=churn&alias=a%00')).body.message).toMatch(
      /^Invalid value "a\\u0000" for parameter 'alias'/,
    );
  });

  it.each([
    ['/api/v1/models/churn/aliases/a%00'],
    ['/api/v1/models/churn/aliases/a%00?asOf=2030-01-01T00:00:00Z'],
    ['/api/v1/models?filter=name%3D%27a%00%27'],
    ['/api/v1/versions?filter=tags.team%3D%27%00%27'],
    ['/api/v1/models/churn/versions?after=%00'],
    ['/api/v1/models/churn?asOf=%00'],
    ['/api/v1/resolve?uri=models:/churn@a%00'],
    ['/api/2.0/mlflow/registered-models/alias?name=churn&alias=a%00'],
    ['/api/2.0/mlflow/registered-models/search?filter=name%3D%27a%00%27'],
    ['/api/2.0/mlflow/model-versions/search?filter=name%3D%27a%00%27'],
    ['/api/2.0/mlflow/registered-models/get?name=a%00'],
    ['/api/2.0/mlflow/registered-models/search?order_by=name%00'],
  ])('answers GET %s without a 500', async (path) => {
    const response = await t.api('GET', path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  // fetch refuses to send such a header, so the bytes go over a raw socket.
  it('refuses a NUL in a header before it reaches a route', async () => {
    const head = await rawRequest(
      t.registry.url,
      'POST /api/v1/models HTTP/1.1\r\nHost: x\r\nX-Actor: bo\u0000b\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"name":"hdr"}\n',
    );
    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect((await t.api('GET', '/api/v1/models/hdr')).status).toBe(404);
  });

  // VersionCreated's reason is at most 2,000 characters; a label reason built from every name overflowed it (500).
  it('registers a version whose signature changes more than 2,000 characters of input names', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => ({ name: `${i}-${'n'.repeat(100)}`, type: 'float32' }));
    expect((await t.api('POST', '/api/v1/models', { name: 'wide' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/models/wide/versions', { signature: { inputs, outputs: [] } })).status).toBe(
      201,
    );

    const response = await t.api('POST', '/api/v1/models/wide/versions', { signature: { inputs: [], outputs: [] } });

    expect(response.status).toBe(201);
    expect(response.body.semver).toEqual({
      label: '2.0.0',
      reason: expect.stringMatching(
        /^major: removes input "0-n+…", "1-n+…", "2-n+…", and 37 more \(compared with version 1\)$/,
      ),
    });
  });
});

function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

// On the bus such a command can never succeed: straight to the DLQ (one attempt), with an error
// that can itself be stored, and the commands behind it still run.
describe('text PostgreSQL cannot store, sent on ml.registry.commands', () => {
  let h: RegistryOnBus;

  beforeAll(async () => {
    h = await startRegistryOnBus('registry_unstorable_bus', 'trainer');
  });
  afterAll(() => h.close());

  it('dead-letters the command at once and keeps consuming', async () => {
    const before = await h.t.eventCount();
    const nul = h.command('SetRegisteredModelTag', { name: 'churn', key: 'team', value: 'a\u0000' });
    const badActor = {
      ...h.command('CreateRegisteredModel', { name: 'by-nul' }),
      actor: { id: 'bo\u0000b', kind: 'user' as const },
    };
    await h.send(
      h.command('CreateRegisteredModel', { name: 'churn', description: '\ud83e' }),
      h.command('CreateRegisteredModel', { name: 'churn', tags: { ['te\u0000am']: 'a' } }),
      nul,
      badActor,
      h.command('CreateRegisteredModel', { name: 'after-poison' }),
    );
    await eventually(async () => expect((await h.t.api('GET', '/api/v1/models/after-poison')).status).toBe(200));

    const letters = await eventually(() => {
      const dead = h.seen.filter((m) => m.topic === dlqTopic(Topics.registryCommands));
      expect(dead).toHaveLength(4);
      return dead;
    });
    expect(letters.map((m) => m.headers[DLQ_HEADERS.error])).toEqual([
      expect.stringMatching(
        /CreateRegisteredModel payload is invalid: description: must not contain a lone UTF-16 surrogate/,
      ),
      'CreateRegisteredModel payload is invalid: tags: key "te\\u0000am" must not contain the NUL character',
      'SetRegisteredModelTag payload is invalid: value: must not contain the NUL character',
      expect.stringMatching(/^invalid command envelope: ✖ must not contain the NUL character\s+→ at actor\.id/),
    ]);
    expect(letters.map((m) => m.headers[DLQ_HEADERS.attempts])).toEqual(['1', '1', '1', '1']);
    expect(await h.t.eventCount()).toBe(before + 1);
  });
});
