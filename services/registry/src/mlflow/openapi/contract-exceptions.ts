// Where the registry must answer what a generic schemathesis check does not expect. Each exception
// names one operation and one check, and says why; the document says the same (the 400s below are
// documented on their operations). Read by the contract test (tools/contract), not by production code.
import type { CheckException } from '@ledger/testing';

// positive_data_acceptance's default, plus the 400 the reason names.
const ALSO_400 = ['2xx', '400', '401', '403', '404', '409'];

const alreadyExists = (operation: string): CheckException => ({
  operation,
  check: 'positive_data_acceptance',
  expectedStatuses: ALSO_400,
  reason:
    'a name (or grant) that is taken is 400 RESOURCE_ALREADY_EXISTS: MLflow maps that error code to 400 and its clients match on it; the native API shares the status table',
});

const grammar = (operation: string): CheckException => ({
  operation,
  check: 'positive_data_acceptance',
  expectedStatuses: ALSO_400,
  reason:
    "MLflow's filter and order-by grammar and opaque page tokens cannot be said in JSON Schema: a generated one is refused with 400 INVALID_PARAMETER_VALUE, as MLflow does",
});

export const REGISTRY_CONTRACT_EXCEPTIONS: CheckException[] = [
  alreadyExists('POST /api/2.0/mlflow/registered-models/create'),
  alreadyExists('POST /api/2.0/mlflow/registered-models/rename'),
  alreadyExists('POST /api/2.0/mlflow/registered-models/permissions/create'),
  alreadyExists('POST /api/v1/models'),
  alreadyExists('PATCH /api/v1/models/{name}'),
  {
    operation: 'GET /api/2.0/mlflow/registered-models/alias',
    check: 'positive_data_acceptance',
    expectedStatuses: ALSO_400,
    reason: 'MLflow answers an alias that is not set with 400 INVALID_PARAMETER_VALUE, not 404',
  },
  grammar('GET /api/2.0/mlflow/registered-models/search'),
  grammar('GET /api/2.0/mlflow/model-versions/search'),
  grammar('GET /api/v1/models'),
  grammar('GET /api/v1/versions'),
  {
    operation: 'PUT /api/v1/models/{name}/versions/{version}/artifact',
    check: 'positive_data_acceptance',
    expectedStatuses: ALSO_400,
    reason:
      'the bytes must match the X-Content-SHA256 header and the size and digest the version was registered with (400, nothing stored): no schema can relate a header or a past registration to a body',
  },
  {
    operation: 'POST /api/v1/models/{name}/versions',
    check: 'positive_data_acceptance',
    expectedStatuses: ALSO_400,
    reason:
      "the names of a signature's inputs (and of its outputs) must be unique: JSON Schema's uniqueItems compares whole items, not one field of them, so a repeated name with another type is valid by the document and refused with 400",
  },
  ...['GET /api/2.0/mlflow-artifacts/artifacts', 'GET /api/2.0/mlflow-artifacts/artifacts/{path}'].map(
    (operation): CheckException => ({
      operation,
      check: 'positive_data_acceptance',
      expectedStatuses: ALSO_400,
      reason:
        "the path names an uploaded artifact as get-download-uri answers it (models/<model id>/versions/<version>[/<file>], no '.' or '..' segments), a string MLflow's own artifact API types as free text; any other path is 400 INVALID_PARAMETER_VALUE naming path",
    }),
  ),
  {
    operation: 'GET /api/v1/models/{name}/compare',
    check: 'positive_data_acceptance',
    expectedStatuses: ALSO_400,
    reason:
      'versions is a comma-separated list of 2 to 20 distinct version numbers: distinctness and the count of a delimited string are beyond JSON Schema; anything else is 400 naming versions',
  },
];
