import type { CliConfig, ServiceName } from './cli-config';
import { RefusedError, UnreachableError } from './cli-errors';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** A JSON body (objects) or raw text with its content type. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

const TIMEOUT_MS = 30_000;

/** The services' HTTP APIs, and nothing else: the CLI is one more client. */
export class LedgerClient {
  constructor(private readonly config: CliConfig) {}

  urlOf(service: ServiceName, path: string, query: Query = {}): string {
    const url = new URL(`${this.config.urls[service]}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  authHeaders(): Record<string, string> {
    return this.config.token ? { authorization: `Bearer ${this.config.token}` } : {};
  }

  get<T>(service: ServiceName, path: string, query?: Query): Promise<T> {
    return this.request<T>(service, 'GET', path, { query });
  }

  send<T>(service: ServiceName, method: string, path: string, body?: unknown): Promise<T> {
    return this.request<T>(service, method, path, { body: body ?? {} });
  }

  async request<T>(service: ServiceName, method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.urlOf(service, path, options.query);
    const isText = typeof options.body === 'string';
    const headers: Record<string, string> = { accept: 'application/json', ...this.authHeaders(), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : isText ? (options.body as string) : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(service, this.config.urls[service], reasonOf(error));
    }
    return answerOf<T>(response).catch((error: unknown) => {
      throw error instanceof RefusedError && error.status === 401 ? this.withTokenHint(error) : error;
    });
  }

  /** A 401 says what the server missed; the CLI adds which token it sent, or where it looked for one. */
  private withTokenHint(refused: RefusedError): RefusedError {
    const hint = this.config.tokenSource
      ? `the token mledger sent (from ${this.config.tokenSource}) was not accepted`
      : 'mledger found no token: set MLEDGER_TOKEN, put "token" in the config file, or run it where ./data/admin-token is';
    return new RefusedError(refused.status, refused.errorCode, `${refused.message} (${hint})`);
  }
}

/** The body of a success; a refusal as the server worded it (`{ error_code, message }`). */
export async function answerOf<T>(response: { ok: boolean; status: number; text(): Promise<string> }): Promise<T> {
  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) return (json ?? text) as T;
  if (json && typeof json === 'object' && 'error_code' in json) {
    const { error_code, message } = json as { error_code: string; message?: string };
    throw new RefusedError(response.status, error_code, message ?? '');
  }
  throw new RefusedError(response.status, `HTTP_${response.status}`, text.slice(0, 300) || 'no message');
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** ECONNREFUSED, ENOTFOUND, a timeout: the innermost reason Node gives. */
export function reasonOf(error: unknown): string {
  let current = error as { name?: string; code?: string; message?: string; cause?: unknown } | undefined;
  while (current?.cause) current = current.cause as typeof current;
  if (current?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return current?.code ?? current?.message ?? String(error);
}
