import type { ModelView } from './model/getting-model/registered-models.projection';
import type { VersionView } from './model/listing-versions/model-versions.projection';

// Examples shown at /docs; the integration test checks every route documents one.
export const MODEL_EXAMPLE: ModelView = {
  modelId: '0190a6f0-3c1e-7d2a-9b1f-4a7e2c9d8b10',
  name: 'churn',
  description: 'Predicts customer churn within 30 days',
  tags: { team: 'growth' },
  latestVersion: 3,
  createdAt: '2025-03-03T14:00:00.000Z',
  updatedAt: '2025-03-04T09:30:00.000Z',
};

export const VERSION_EXAMPLE: VersionView = {
  modelId: MODEL_EXAMPLE.modelId,
  name: 'churn',
  version: 3,
  source: 's3://models/churn/3/model.onnx',
  runId: 'run-7f3a',
  runLink: 'https://ci.example.com/runs/7f3a',
  description: 'retrained on March data',
  tags: { framework: 'xgboost' },
  metrics: { auc: 0.91, logloss: 0.31 },
  params: { max_depth: '6', eta: '0.1' },
  signature: {
    inputs: [
      { name: 'tenure', type: 'int64' },
      { name: 'spend', type: 'float32', shape: [-1, 12] },
    ],
    outputs: [{ name: 'churn_probability', type: 'float32' }],
  },
  framework: 'onnx',
  artifact: {
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    sizeBytes: 482133,
    uri: 's3://models/churn/3/model.onnx',
  },
  artifactUploadedAt: null,
  label: '20250304',
  inputExample: null,
  storageLocation: '',
  loggedModelId: '',
  semver: { label: '1.2.0', reason: 'minor: improves auc from 0.89 to 0.91 (goal: max) (compared with version 2)' },
  stage: 'Production',
  aliases: ['champion'],
  createdAt: '2025-03-04T09:30:00.000Z',
  updatedAt: '2025-03-05T08:00:00.000Z',
};

export const NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'registered model "churn" does not exist',
};
export const INVALID_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'name: must be at most 256 characters',
};

export const MALFORMED_EXAMPLE = {
  error_code: 'MALFORMED_REQUEST',
  message: 'malformed request: Unexpected end of JSON input',
};
export const TOO_LARGE_EXAMPLE = {
  error_code: 'REQUEST_TOO_LARGE',
  message: 'request body is larger than the limit of 1048576 bytes',
};
export const VERSION_NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'version 7 of registered model "churn" does not exist',
};
