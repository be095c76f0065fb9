// `npm run contracts:export [outDir]`: writes every message schema as JSON Schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { jsonSchemas } from './json-schema';
import { PUBLISHED_CATALOGS } from './published-catalogs';

const outDir = resolve(process.argv[2] ?? join(__dirname, '..', 'json-schema'));
const files = jsonSchemas(PUBLISHED_CATALOGS);
for (const { file, schema } of files) {
  const target = join(outDir, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
}
console.log(`wrote ${files.length} JSON Schema files to ${outDir}`);
