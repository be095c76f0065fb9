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

export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const db = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 20, idleTimeoutMillis: 30_000, ...CONNECTION_DEFAULTS },
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
