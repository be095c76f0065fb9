import { DataSource, DataSourceOptions } from 'typeorm';
import { ensureDatabase } from './ensure-database';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  entities?: DataSourceOptions['entities'];
}

/**
 * Every connection the pool makes gives up connecting after a while (a server that stopped
 * answering must fail a query, not hang it) and probes its peer with TCP keepalive (a server
 * gone without closing its sockets is noticed). A connection lost while idle is dropped by the
 * pool, and one lost while in use fails its query: TypeORM listens for both.
 */
export const CONNECTION_DEFAULTS = { connectionTimeoutMillis: 10_000, keepAlive: true } as const;

/**
 * The pg-pool options of every TypeORM data source (its `extra`). Without an onConnect hook,
 * pg-pool hands a new connection over synchronously with no 'error' listener, and TypeORM adds
 * its own a few microtasks later; a server shutting down sends its FATAL in the same read as the
 * connection's ReadyForQuery, so that 'error' event found nobody and ended the process (Ctrl-C
 * reaches the embedded server and the platform at once). With the hook the handover waits past
 * that read, while the pool still listens, and the connection keeps a listener for its life:
 * the taker's query fails instead, and TypeORM drops the connection.
 */
export function poolOptions(max: number) {
  return { max, idleTimeoutMillis: 30_000, ...CONNECTION_DEFAULTS, onConnect: listenForLoss };
}

function listenForLoss(client: { on(event: 'error', listener: () => void): unknown }): void {
  client.on('error', () => undefined);
}

export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const db = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
    extra: poolOptions(options.poolSize ?? 20),
  });
  await db.initialize();
  return db;
}

// SQLSTATE class 08 (connection exception), server shutting down or starting (57P01-03), no
// free connection slot (53300), and the socket errors of a server that is not there.
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/**
 * Whether an error says the database is unreachable rather than that the statement was
 * wrong: the first passes once the server is back, the second never does.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, driverError } = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return driverError !== undefined && driverError !== error && isDatabaseUnavailable(driverError);
}
