import { CheckException } from '@ledger/testing';
import { REGISTRY_CONTRACT_EXCEPTIONS } from '../../services/registry/src/mlflow/openapi/contract-exceptions';

/** The same cases on every run: a fixed seed, and enough examples per operation to find drift. */
export const CONTRACT_RUN = { seed: 20261204, maxExamples: 30 };

/** A schema-valid request this operation may still refuse with 400, for the reason given. */
const alsoRefused = (operation: string, reason: string): CheckException => ({
  operation,
  check: 'positive_data_acceptance',
  // positive_data_acceptance's default, plus the 400 the reason names.
  expectedStatuses: ['2xx', '400', '401', '403', '404', '409'],
  reason,
});

/**
 * Per service, the checks set differently for single operations, each with its reason. A service
 * not named here gets every check on every operation.
 */
export const CONTRACT_EXCEPTIONS: Record<string, CheckException[]> = {
  registry: REGISTRY_CONTRACT_EXCEPTIONS,
  identity: [
    alsoRefused(
      'POST /api/v1/principals',
      'a taken principal name is 400 RESOURCE_ALREADY_EXISTS, as on every API of the platform (one status table)',
    ),
    alsoRefused(
      'POST /api/v1/principals/{name}/tokens',
      "expiresAt must be later than the server's clock when the request arrives: a bound that moves with time, which no schema can state (a past date-time is 400)",
    ),
  ],
  serving: [
    ...[
      'POST /api/v1/environments/{environment}/models/{name}/versions/{version}/load',
      'POST /api/v1/environments/{environment}/models/{name}/versions/{version}/scale',
    ].map((operation) =>
      alsoRefused(
        operation,
        "replicas may not exceed the instance's ceiling (SERVING_MAX_REPLICAS, at most the 32 the document states): configuration of the server, not a property of the request; above it is 400 naming replicas",
      ),
    ),
    {
      operation: 'POST /v1/models/{name}:predict',
      check: 'allow_header_conformance',
      reason:
        "KServe v1 puts the verb in the last segment (`/v1/models/{name}:predict`), so the model-status route `GET /v1/models/{name}` also matches that path (a name may hold ':'); Allow then lists GET beside POST. Both routes are KServe's own paths, and an unknown method still gets 405",
    },
    alsoRefused(
      'PUT /api/v1/environments/{environment}/models/{name}/traffic',
      'route weights must sum to 100, and the shadow version must not also be routed: JSON Schema can neither add items nor compare one field with the items of an array; either is 400 naming the field',
    ),
  ],
  deployer: [
    ...['PUT /api/v1/environments/{env}', 'POST /api/v1/environments/{env}/models/{name}/deployments'].map(
      (operation) =>
        alsoRefused(
          operation,
          "a canary's step weights must increase: JSON Schema cannot compare an array's items with each other; a step not above the one before is 400 naming strategy.steps",
        ),
    ),
  ],
  orchestrator: [
    alsoRefused(
      'GET /api/v1/runs',
      'pageToken is what a previous page answered as nextPageToken (opaque): any other string is 400 naming pageToken',
    ),
    {
      operation: 'GET /api/v1/pipelines/metrics',
      check: 'allow_header_conformance',
      reason:
        "the dashboard's path is also a model's pipeline path (`PUT /api/v1/pipelines/{model}` for a model named `metrics`), so Allow lists PUT beside GET; an unknown method still gets 405",
    },
    alsoRefused(
      'POST /api/v1/pipelines/{model}/runs',
      "a run may override only the parameters its model's pipeline declares (a definition on the orchestrator's log, not a property of the request a schema can state); an undeclared one is 400 naming parameters.<name>",
    ),
  ],
  validator: [
    {
      ...alsoRefused(
        'POST /api/v1/datasets/{name}/versions',
        'the body must be a file DuckDB reads as the format named (CSV, JSON lines, Parquet) with at least one row, and match X-Content-SHA256 when sent: no schema describes a readable file; anything else is 400 and records nothing. And the description travels in the query: up to 5000 characters of it, percent-encoded, can pass the 16 KB Node takes for a request line and headers, which is 431 before any route',
      ),
      expectedStatuses: ['2xx', '400', '401', '403', '404', '409', '431'],
    },
    {
      operation: 'POST /api/v1/datasets/{name}/versions',
      check: 'negative_data_rejection',
      // negative_data_rejection's default, plus 431.
      expectedStatuses: ['400', '401', '403', '404', '405', '406', '409', '415', '422', '428', '429', '431', '5xx'],
      reason:
        'a request whose query string is over 16 KB once percent-encoded (a long description) is refused by Node with 431 before the route can say 400',
    },
    alsoRefused(
      'PUT /api/v1/validation-policies/{name}',
      'a policy may only name datasets registered with this validator (POST /api/v1/datasets/{name}/versions), and an instance refuses a kind it has no evaluator for (its configuration): neither is a property of the request a schema can state; each is 400 naming the field',
    ),
  ],
};
