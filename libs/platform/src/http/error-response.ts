import { HttpException } from '@nestjs/common';
import { LedgerError, UnauthenticatedError, UnavailableError } from '@ledger/contracts';

/** The one error body of every HTTP edge (DESIGN.md §7). */
export interface ErrorBody {
  error_code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface HttpError {
  status: number;
  body: ErrorBody;
  /** True for a bug (not the caller's fault): log it with its stack, answer generically. */
  internal: boolean;
  /** Headers the answer carries (Retry-After on a 503). */
  headers?: Record<string, string>;
}

/** The status each kind of refusal gets; a service (or a dialect of its API) may override some. */
export type StatusTable = Record<LedgerError['kind'], number>;

// An illegal state (deleting what is still in use, a stage move that is not allowed) conflicts
// with the resource's current state: 409. MLflow's routes answer it 400, as MLflow does.
export const DEFAULT_STATUSES: StatusTable = {
  Validation: 400,
  AlreadyExists: 400,
  NotFound: 404,
  Conflict: 409,
  IllegalState: 409,
  Unauthenticated: 401,
  Forbidden: 403,
  Unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'MALFORMED_REQUEST',
  404: 'ENDPOINT_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const INTERNAL: HttpError = {
  status: 500,
  body: { error_code: 'INTERNAL_ERROR', message: 'internal error; the server log has the details' },
  internal: true,
};

/** Maps anything thrown while serving a request to a status and body, once for every service. */
export function toHttpError(error: unknown, statuses: StatusTable = DEFAULT_STATUSES): HttpError {
  if (error instanceof LedgerError) {
    const body: ErrorBody = { error_code: error.errorCode, message: error.message };
    if (error.details) body.details = error.details;
    const headers = headersOf(error);
    return { status: statuses[error.kind], body, internal: false, ...(headers ? { headers } : {}) };
  }
  if (error instanceof HttpException) return fromStatus(error.getStatus(), httpExceptionMessage(error));
  if (isBodyParserError(error)) return fromStatus(error.status, bodyParserMessage(error));
  return INTERNAL;
}

// A 401 names the schemes that would be accepted (RFC 9110 §11.6.1); a 503 when to come back.
function headersOf(error: LedgerError): Record<string, string> | undefined {
  if (error instanceof UnavailableError) return { 'Retry-After': String(error.retryAfterSeconds) };
  if (error instanceof UnauthenticatedError)
    return { 'WWW-Authenticate': 'Basic realm="Model Ledger", Bearer realm="Model Ledger"' };
  return undefined;
}

function fromStatus(status: number, message: string): HttpError {
  if (status >= 500 || status < 400) return INTERNAL;
  return { status, body: { error_code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message }, internal: false };
}

function httpExceptionMessage(error: HttpException): string {
  // Nest turns body-parser's SyntaxError into a BadRequestException carrying the parser's message.
  if (error.getStatus() === 400) return `malformed request: ${error.message}`;
  if (error.getStatus() === 404) return error.message.replace(/^Cannot /, 'no endpoint ');
  return error.message;
}

/** Errors of express' body parsers (http-errors): a status, a machine type, safe to expose. */
interface BodyParserError {
  status: number;
  type: string;
  expose: boolean;
  message: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate?.status === 'number' && typeof candidate.type === 'string' && candidate.expose === true;
}

function bodyParserMessage(error: BodyParserError): string {
  if (error.type === 'entity.too.large')
    return `request body is larger than the limit of ${error.limit ?? 'the server'} bytes`;
  return `malformed request: ${error.message}`;
}
