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

  it('parses a registry envelope and fills defaults', () => {
    const envelope = registryEvents.parseEnvelope({
      id: '01930000-0000-7000-8000-000000000001',
      type: 'VersionCreated',
      schemaVersion: 1,
      source: 'registry',
      streamId: 'model-x',
      streamVersion: 2,
      occurredAt: '2026-11-22T12:00:00.000Z',
      actor: { id: 'ci', kind: 'service' },
      correlationId: 'c',
      causationId: null,
      data: { modelId: '01930000-0000-7000-8000-000000000002', name: 'churn', version: 1 },
    });
    expect(envelope.data).toEqual({
      modelId: '01930000-0000-7000-8000-000000000002',
      name: 'churn',
      version: 1,
      source: '',
      runId: '',
      description: '',
      tags: {},
      metrics: {},
    });
  });
});
