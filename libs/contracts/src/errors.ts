/**
 * The one closed set of errors. Domain code and controllers throw these; each edge (HTTP,
 * gRPC, Kafka) maps them exactly once. Anything else is a bug and becomes an internal error.
 */
export type ErrorKind =
  | 'Validation'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'IllegalState'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'Unavailable';

export abstract class LedgerError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    message: string,
    readonly errorCode: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends LedgerError {
  readonly kind = 'Validation';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'INVALID_PARAMETER_VALUE', details);
  }
}

export class NotFoundError extends LedgerError {
  readonly kind = 'NotFound';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'RESOURCE_DOES_NOT_EXIST', details);
  }
}

export class AlreadyExistsError extends LedgerError {
  readonly kind = 'AlreadyExists';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'RESOURCE_ALREADY_EXISTS', details);
  }
}

/**
 * The state is not what the caller expected (HTTP 409). Optimistic concurrency (the stream moved
 * on since it was read) is retryable: reloading and deciding again may succeed. A refused
 * compare-and-set is not: the caller's expectation is wrong, and a retry cannot fix it.
 */
export class ConflictError extends LedgerError {
  readonly kind = 'Conflict';
  constructor(
    message: string,
    details?: Record<string, unknown>,
    readonly retryable = true,
  ) {
    super(message, 'CONCURRENT_MODIFICATION', details);
  }
}

export class IllegalStateError extends LedgerError {
  readonly kind = 'IllegalState';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'INVALID_STATE', details);
  }
}

/** No credentials, or credentials that prove nothing (unknown, revoked or expired token): HTTP 401. */
export class UnauthenticatedError extends LedgerError {
  readonly kind = 'Unauthenticated';
  constructor(message: string) {
    super(message, 'UNAUTHENTICATED');
  }
}

export class ForbiddenError extends LedgerError {
  readonly kind = 'Forbidden';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'PERMISSION_DENIED', details);
  }
}

/**
 * The service is saturated and sheds this request instead of queueing it without bound
 * (HTTP 503 with Retry-After). Nothing was done; the same request may be sent again.
 */
export class UnavailableError extends LedgerError {
  readonly kind = 'Unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message, 'TEMPORARILY_UNAVAILABLE', { retryAfterSeconds });
  }
}
