import { ErrorDialect, HttpError } from '@ledger/platform';
import { MLFLOW_AJAX_PREFIX, MLFLOW_API_PREFIX } from './mlflow-routes';

// MLflow has no codes of its own for a body it cannot read: it answers them as bad parameters.
const UNREADABLE_BODY = new Set(['MALFORMED_REQUEST', 'UNSUPPORTED_MEDIA_TYPE']);

/**
 * MLflow's error contract on its routes: exactly `{ error_code, message }` (the native
 * `details` are left out), with the shared statuses (RESOURCE_ALREADY_EXISTS 400,
 * RESOURCE_DOES_NOT_EXIST 404, INVALID_PARAMETER_VALUE 400), and a body that is not JSON is
 * INVALID_PARAMETER_VALUE, as MLflow's server answers it. Applied by the one HTTP error filter,
 * by path, so errors raised before routing (body parsing) are worded the same way.
 */
export const MLFLOW_ERROR_DIALECT: ErrorDialect = {
  pathPrefixes: [`/${MLFLOW_API_PREFIX}/`, `/${MLFLOW_AJAX_PREFIX}/`, `/${MLFLOW_API_PREFIX}-artifacts/`],
  // MLflow answers an illegal state (e.g. a stage move it does not allow) as a bad parameter.
  statuses: { AlreadyExists: 400, IllegalState: 400 },
  reshape({ status, body, internal, headers }: HttpError): HttpError {
    const unreadable = UNREADABLE_BODY.has(body.error_code);
    return {
      status: unreadable ? 400 : status,
      body: { error_code: unreadable ? 'INVALID_PARAMETER_VALUE' : body.error_code, message: body.message },
      internal,
      ...(headers ? { headers } : {}),
    };
  },
};
