import { z } from 'zod';
import { EnvelopeSchema, CommandEnvelopeSchema } from './envelope';
import { MessageCatalog } from './catalog';

export interface JsonSchemaFile {
  file: string;
  schema: Record<string, unknown>;
}

/** JSON Schema documents for producers and consumers in other languages. */
export function jsonSchemas(catalogs: Record<string, MessageCatalog>): JsonSchemaFile[] {
  const files: JsonSchemaFile[] = [
    {
      file: 'envelope.schema.json',
      schema: z.toJSONSchema(EnvelopeSchema, { io: 'input' }) as Record<string, unknown>,
    },
    {
      file: 'command-envelope.schema.json',
      schema: z.toJSONSchema(CommandEnvelopeSchema, { io: 'input' }) as Record<string, unknown>,
    },
  ];
  for (const [folder, catalog] of Object.entries(catalogs)) {
    for (const definition of catalog.definitions()) {
      const schema = z.toJSONSchema(definition.schema, { io: 'input' }) as Record<string, unknown>;
      files.push({
        file: `${folder}/${definition.type}.v${definition.schemaVersion}.schema.json`,
        schema: {
          title: definition.type,
          description: definition.description,
          'x-schema-version': definition.schemaVersion,
          ...schema,
        },
      });
    }
  }
  return files;
}
