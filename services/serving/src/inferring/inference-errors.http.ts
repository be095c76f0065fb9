import type { ErrorDialect, HttpError } from '@ledger/platform';

// A body the server cannot read (not JSON, too large, wrong media type) is a bad request parameter here.
const UNREADABLE_BODY = new Set(['MALFORMED_REQUEST', 'REQUEST_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'BAD_REQUEST']);

/**
 * The inference routes' error contract: `{ error_code, message }` plus `error` (the message
 * again), the one field Open Inference Protocol and KServe v1 clients read; a body that cannot
 * be read is 400 INVALID_PARAMETER_VALUE. Give it to the service's `http.errorDialects`.
 */
export const inferenceErrorDialect: ErrorDialect = {
  pathPrefixes: ['/v2/', '/v1/models/'],
  reshape({ status, body, internal, headers }: HttpError): HttpError {
    const unreadable = UNREADABLE_BODY.has(body.error_code);
    const message = body.message;
    const reshaped = { error_code: unreadable ? 'INVALID_PARAMETER_VALUE' : body.error_code, message, error: message };
    return { status: unreadable ? 400 : status, body: reshaped, internal, ...(headers ? { headers } : {}) };
  },
};
