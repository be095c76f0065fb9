import { z } from 'zod';
import { defineMessage, InvalidMessageError, MessageCatalog, UnknownMessageError } from './catalog';
import { registryEvents } from './registry';

// A v2 event whose v1 payload named the field differently: consumers must always see v2.
const Renamed = defineMessage({
  type: 'Renamed',
  schemaVersion: 2,
  description: 'test',
  schema: z.object({ newName: z.string() }),
  upcasters: { 1: (data) => ({ newName: data.name }) },
});
const catalog = new MessageCatalog([Renamed]);

describe('message catalog', () => {
  it('upcasts an old payload to the current schema version', () => {
    expect(catalog.upcast('Renamed', 1, { name: 'churn' })).toEqual({ newName: 'churn' });
    expect(catalog.upcast('Renamed', 2, { newName: 'churn' })).toEqual({ newName: 'churn' });
  });

  it('rejects versions newer than it knows and unknown types', () => {
    expect(() => catalog.upcast('Renamed', 3, { newName: 'x' })).toThrow(UnknownMessageError);
    expect(() => catalog.upcast('Renamed', 0, { newName: 'x' })).toThrow(UnknownMessageError);
    expect(() => catalog.upcast('Deleted', 1, {})).toThrow(UnknownMessageError);
  });

  it('rejects a payload that does not match its schema', () => {
    expect(() => catalog.upcast('Renamed', 2, { newName: 42 })).toThrow(InvalidMessageError);
  });

  it('validates a payload before it is appended, so its own schema never refuses it later', () => {
    expect(catalog.validate('Renamed', { newName: 'churn' })).toEqual({ newName: 'churn' });
    expect(() => catalog.validate('Renamed', { newName: 42 })).toThrow(InvalidMessageError);
    expect(() => catalog.validate('Deleted', {})).toThrow(UnknownMessageError);
  });

  it('takes a current-version payload from the log as validated, and upcasts an older one', () => {
    const stored = { newName: 'churn' };
    expect(catalog.current('Renamed', 2, stored)).toBe(stored);
    expect(catalog.current('Renamed', 1, { name: 'churn' })).toEqual({ newName: 'churn' });
    expect(() => catalog.current('Renamed', 1, { name: 42 })).toThrow(InvalidMessageError);
  });

  const envelope = (schemaVersion: number, data: Record<string, unknown>) => ({
    id: '01930000-0000-7000-8000-000000000001',
    type: 'VersionCreated',
    schemaVersion,
    source: 'registry',
    streamId: 'model-x',
    streamVersion: 2,
    occurredAt: '2026-11-22T12:00:00.000Z',
    actor: { id: 'ci', kind: 'service' as const },
    correlationId: 'c',
    causationId: null,
    data,
  });
  const modelId = '01930000-0000-7000-8000-000000000002';

  it('upcasts a VersionCreated v1 envelope to v4: new fields get their "unknown" values, old ones are kept', () => {
    const parsed = registryEvents.parseEnvelope(
      envelope(1, { modelId, name: 'churn', version: 1, source: 's3://m/1', metrics: { auc: 0.9 } }),
    );
    expect(parsed.schemaVersion).toBe(4);
    expect(parsed.data).toEqual({
      modelId,
      name: 'churn',
      version: 1,
      source: 's3://m/1',
      runId: '',
      runLink: '',
      description: '',
      tags: {},
      metrics: { auc: 0.9 },
      params: {},
      signature: null,
      framework: '',
      artifact: null,
      storageLocation: '',
      loggedModelId: '',
      semver: null,
      label: '',
      inputExample: null,
    });
  });

  it('upcasts a VersionCreated v2 payload: it was registered from no logged model', () => {
    const data = { modelId, name: 'churn', version: 2, source: 's3://m/2', semver: null };
    const parsed = registryEvents.parseEnvelope(envelope(2, data));
    expect(parsed.schemaVersion).toBe(4);
    expect(parsed.data).toMatchObject({ ...data, loggedModelId: '', label: '', inputExample: null });
  });

  it('upcasts a VersionCreated v3 payload: no label was chosen and no input example given', () => {
    const data = { modelId, name: 'churn', version: 3, loggedModelId: 'm-1', semver: null };
    expect(registryEvents.parseEnvelope(envelope(3, data)).data).toMatchObject({
      ...data,
      label: '',
      inputExample: null,
    });
  });

  it('reads a VersionCreated v4 payload as written', () => {
    const data = {
      modelId,
      name: 'churn',
      version: 2,
      signature: { inputs: [{ name: 'age', type: 'int64', shape: [-1] }], outputs: [] },
      artifact: { sha256: 'f'.repeat(64), sizeBytes: 10, uri: 'file:///a' },
      semver: { label: '1.1.0', reason: 'minor: adds input "age"' },
      source: 'models:/m-7f3a',
      loggedModelId: 'm-7f3a',
      label: '20240226',
      inputExample: [{ age: [41] }],
    };
    expect(registryEvents.parseEnvelope(envelope(4, data)).data).toMatchObject(data);
    expect(() => registryEvents.upcast('VersionCreated', 5, data)).toThrow(UnknownMessageError);
  });
});

// A bus message PostgreSQL cannot store is refused as invalid (a permanent error: the DLQ), never retried.
describe('message catalog and text PostgreSQL cannot store', () => {
  it('refuses a payload with a NUL or a lone surrogate anywhere, naming where', () => {
    expect(() => catalog.upcast('Renamed', 2, { newName: 'a\u0000' })).toThrow(
      new InvalidMessageError('Renamed payload is invalid: newName: must not contain the NUL character'),
    );
    expect(() =>
      registryEvents.upcast('RegisteredModelTagSet', 1, {
        modelId: '0190a6f0-0000-7000-8000-000000000001',
        name: 'm',
        key: 'k',
        value: '\udc00',
      }),
    ).toThrow(/^RegisteredModelTagSet payload is invalid: value: must not contain a lone UTF-16 surrogate/);
  });

  it('names the first three and counts the rest, so the dead letter stays short', () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${'k'.repeat(200)}${i}`, '\u0000']));
    expect(() => catalog.upcast('Renamed', 2, { newName: 'x', tags })).toThrow(
      /^Renamed payload is invalid: tags\.k+0: must not contain the NUL character; tags\.k+1: [^;]+; tags\.k+2: [^;]+; and 47 more$/,
    );
  });

  it('escapes a bad key in its message, so the dead letter that carries it can be stored', () => {
    expect(() => catalog.upcast('Renamed', 1, { name: 'x', ['b\u0000d']: 1 })).toThrow(
      'Renamed payload is invalid: payload: key "b\\u0000d" must not contain the NUL character',
    );
  });
});
