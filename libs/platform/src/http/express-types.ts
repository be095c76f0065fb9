// The few parts of express' request and response this lib touches. The workspace has no
// @types/express; these structural types keep the code checked without it.
export interface HttpRequest {
  method: string;
  /** The URL path without the query string. */
  path: string;
  originalUrl: string;
  baseUrl: string;
  route?: { path?: unknown };
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponse {
  statusCode: number;
  headersSent: boolean;
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
  type(contentType: string): HttpResponse;
  setHeader(name: string, value: string): unknown;
  end(): void;
  once(event: 'finish', listener: () => void): unknown;
}

export type Next = (error?: unknown) => void;
