import { Clock } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { AuthMode, OidcSettings, RunningService, ServiceDefinition, startService } from '@ledger/platform';
import { freshDatabaseUrl } from '../databases';

// Response bodies are JSON of whatever shape the route returns; tests assert on them directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface ServiceUnderTest<Context> {
  service: RunningService<Context>;
  databaseUrl: string;
  /** Sends a JSON body (an object is serialised; a string is sent as is). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Events in the service's own log (inbox included). */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export interface ServiceUnderTestOptions<Config> {
  /** Names the test's private database. */
  label: string;
  bus?: Bus;
  clock?: Clock;
  config?: Config;
  /** Off unless asked for: authentication needs the bus and identity events (see IdentityEventsPublisher). */
  auth?: AuthMode;
  /** With auth on: Bearer JWTs from this issuer too. */
  oidc?: OidcSettings;
}

/** Any service of the platform on a private database and a free port, quiet, with a JSON client. */
export async function serviceUnderTest<Context, Config extends object>(
  definition: ServiceDefinition<Context, Config>,
  options: ServiceUnderTestOptions<Config>,
): Promise<ServiceUnderTest<Context>> {
  const databaseUrl = freshDatabaseUrl(options.label);
  const service = await startService(definition, {
    ...(options.config ?? ({} as Config)),
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    logger: ['error', 'warn'],
    processMetrics: false,
    bus: options.bus,
    clock: options.clock,
    auth: options.auth,
    oidc: options.oidc,
  });
  return {
    service,
    databaseUrl,
    async api(method, path, body, headers = {}) {
      const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${service.url}${path}`, {
        method,
        body: payload as string | undefined,
        headers: { 'content-type': 'application/json', ...headers },
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: json && text ? JSON.parse(text) : text };
    },
    async eventCount() {
      const [{ count }] = await service.db.query(`SELECT count(*)::int AS count FROM events`);
      return count;
    },
    close: () => service.close(),
  };
}
