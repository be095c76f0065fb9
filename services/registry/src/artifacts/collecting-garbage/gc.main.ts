// Collects the artifact store's garbage once, from the environment of the registry whose store it
// is (DATABASE_URL, ARTIFACTS_DIR): `npm run artifacts:gc -- [--apply] [--older-than-minutes N]`.
// A dry run unless --apply; prints the report as JSON. Safe beside running registries.
import { DataSource } from 'typeorm';
import { ConfigError } from '@ledger/platform';
import { poolOptions } from '@ledger/eventstore';
import { artifactsSettings } from '../artifacts.config';
import { BlobClaims } from '../storing/blob-claims';
import { LocalBlobStore } from '@ledger/blobs';
import { collectGarbage } from './collect-garbage';
import { parseGcArgs } from './gc-args';

async function main(): Promise<void> {
  const args = parseGcArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new ConfigError('DATABASE_URL is required: the registry database whose versions reference the blobs');
  const { dir } = artifactsSettings({}, process.env);
  // Two connections: BlobClaims locks on at most half the pool, and the collector needs no other.
  // No ensureDatabase: a mistyped URL must fail, not meet an empty version_artifacts.
  const db = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    logging: false,
    extra: poolOptions(2),
  });
  await db.initialize();
  try {
    const report = await collectGarbage({ store: new LocalBlobStore(dir), claims: new BlobClaims(db), db }, args);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
