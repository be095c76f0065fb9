import { jsonSchemas } from './json-schema';
import { registryCommands, registryEvents } from './registry';
import { PUBLISHED_CATALOGS } from './published-catalogs';

describe('JSON Schema export', () => {
  const files = jsonSchemas({ 'registry/events': registryEvents, 'registry/commands': registryCommands });

  it('writes the envelopes and one file per message and version', () => {
    expect(files.map((f) => f.file).sort()).toEqual([
      'command-envelope.schema.json',
      'envelope.schema.json',
      'registry/commands/AttachArtifact.v1.schema.json',
      'registry/commands/CreateRegisteredModel.v1.schema.json',
      'registry/commands/DeleteModelAlias.v1.schema.json',
      'registry/commands/DeleteModelPermission.v1.schema.json',
      'registry/commands/DeleteModelVersion.v1.schema.json',
      'registry/commands/DeleteModelVersionTag.v1.schema.json',
      'registry/commands/DeleteRegisteredModel.v1.schema.json',
      'registry/commands/DeleteRegisteredModelTag.v1.schema.json',
      'registry/commands/RegisterModelVersion.v1.schema.json',
      'registry/commands/SetModelAlias.v1.schema.json',
      'registry/commands/SetModelPermission.v1.schema.json',
      'registry/commands/SetModelProtection.v1.schema.json',
      'registry/commands/SetModelVersionTag.v1.schema.json',
      'registry/commands/SetRegisteredModelTag.v1.schema.json',
      'registry/commands/TransitionModelVersionStage.v1.schema.json',
      'registry/commands/UpdateModelVersion.v1.schema.json',
      'registry/commands/UpdateRegisteredModel.v1.schema.json',
      'registry/events/AliasDeleted.v1.schema.json',
      'registry/events/AliasSet.v1.schema.json',
      'registry/events/ArtifactAttached.v1.schema.json',
      'registry/events/ModelPermissionDeleted.v1.schema.json',
      'registry/events/ModelPermissionSet.v1.schema.json',
      'registry/events/ModelProtectionSet.v1.schema.json',
      'registry/events/RegisteredModelCreated.v1.schema.json',
      'registry/events/RegisteredModelDeleted.v1.schema.json',
      'registry/events/RegisteredModelDescriptionUpdated.v1.schema.json',
      'registry/events/RegisteredModelRenamed.v1.schema.json',
      'registry/events/RegisteredModelTagDeleted.v1.schema.json',
      'registry/events/RegisteredModelTagSet.v1.schema.json',
      'registry/events/VersionCreated.v4.schema.json',
      'registry/events/VersionDeleted.v1.schema.json',
      'registry/events/VersionDescriptionUpdated.v1.schema.json',
      'registry/events/VersionStageTransitioned.v1.schema.json',
      'registry/events/VersionTagDeleted.v1.schema.json',
      'registry/events/VersionTagSet.v1.schema.json',
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
    for (const { file, schema } of jsonSchemas(PUBLISHED_CATALOGS)) {
      const committed = JSON.parse(readFileSync(join(__dirname, '..', 'json-schema', file), 'utf8'));
      expect({ file, schema: committed }).toEqual({ file, schema });
    }
  });
});
