// Test harness for the registry's integration tests: a private database, the app on a free
// port, and a JSON client. Not used by production code.
import { freshDatabaseUrl } from '@ledger/testing';
import { Bus } from '@ledger/messaging';
import { createRegistryApp, RunningRegistry } from './app';

// Response bodies are JSON of whatever shape the route returns; tests assert on them directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface RegistryUnderTest {
  registry: RunningRegistry;
  databaseUrl: string;
  /** Sends a JSON body (an object is serialised; a string is sent as is). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startRegistry(label: string, options: { bus?: Bus } = {}): Promise<RegistryUnderTest> {
  const databaseUrl = freshDatabaseUrl(label);
  const registry = await createRegistryApp({ databaseUrl, port: 0, host: '127.0.0.1', logger: ['error', 'warn'], processMetrics: false, bus: options.bus });
  return {
    registry,
    databaseUrl,
    async api(method, path, body, headers = {}) {
      const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${registry.url}${path}`, {
        method,
        body: payload as string | undefined,
        headers: { 'content-type': 'application/json', ...headers },
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: json && text ? JSON.parse(text) : text };
    },
    async eventCount() {
      const [{ count }] = await registry.db.query(`SELECT count(*)::int AS count FROM events`);
      return count;
    },
    close: () => registry.close(),
  };
}
