import { jsonSchemas } from './json-schema';
import { registryCommands, registryEvents } from './registry';

describe('JSON Schema export', () => {
  const files = jsonSchemas({ 'registry/events': registryEvents, 'registry/commands': registryCommands });

  it('writes the envelopes and one file per message and version', () => {
    expect(files.map((f) => f.file).sort()).toEqual([
      'command-envelope.schema.json',
      'envelope.schema.json',
      'registry/commands/CreateRegisteredModel.v1.schema.json',
      'registry/commands/RegisterModelVersion.v1.schema.json',
      'registry/events/RegisteredModelCreated.v1.schema.json',
      'registry/events/VersionCreated.v1.schema.json',
    ]);
  });

  it('keeps the limits producers must respect', () => {
    const command = files.find((f) => f.file.endsWith('RegisterModelVersion.v1.schema.json'))!.schema as {
      properties: { name: { maxLength: number } };
      required: string[];
      additionalProperties: boolean;
    };
    expect(command.properties.name.maxLength).toBe(256);
    expect(command.required).toEqual(['name']);
    expect(command.additionalProperties).toBe(false);
  });
});

describe('committed JSON Schema files', () => {
  it('match the zod schemas (run `npm run contracts:export` after changing a contract)', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const { join } = jest.requireActual<typeof import('node:path')>('node:path');
    for (const { file, schema } of jsonSchemas({ 'registry/events': registryEvents, 'registry/commands': registryCommands })) {
      const committed = JSON.parse(readFileSync(join(__dirname, '..', 'json-schema', file), 'utf8'));
      expect({ file, schema: committed }).toEqual({ file, schema });
    }
  });
});
