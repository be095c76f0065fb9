// OpenAPI examples of the dataset routes.
const SHA = '3b0c2a5e6f1d4c7b8a9e0f1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f7';

export const DATASET_VERSION_EXAMPLE = {
  name: 'churn-2026-03',
  version: 2,
  sha256: SHA,
  format: 'parquet',
  sizeBytes: 48213554,
  rowCount: 1000000,
  columns: [
    { name: 'tenure_months', type: 'BIGINT', nullCount: 0 },
    { name: 'monthly_charges', type: 'DOUBLE', nullCount: 112 },
    { name: 'plan', type: 'VARCHAR', nullCount: 3 },
    { name: 'churned', type: 'BOOLEAN', nullCount: 0 },
  ],
  description: 'March holdout, labels from April',
  registeredAt: '2026-04-02T09:30:00.000Z',
  registeredBy: 'trainer',
};

export const DATASETS_EXAMPLE = {
  datasets: [{ name: 'churn-2026-03', versionCount: 2, latest: DATASET_VERSION_EXAMPLE }],
};

export const DATASET_NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'dataset "churn-2026-03" does not exist',
};
export const DATASET_VERSION_NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'version 7 of dataset "churn-2026-03" does not exist',
};
export const UNREADABLE_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: "body: not readable as parquet: Invalid Input Error: No magic bytes found at end of file 'the upload'",
};
export const NO_FORMAT_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message:
    'format: give the query parameter format (csv, jsonl, parquet) or a Content-Type of one of them; "application/octet-stream" names no dataset format',
};
export const EMPTY_EXAMPLE = { error_code: 'INVALID_PARAMETER_VALUE', message: 'body: the dataset has no rows' };
export const BAD_NAME_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'name: must start with a letter or digit and hold only letters, digits and . _ -',
};
export const TOO_LARGE_EXAMPLE = {
  error_code: 'REQUEST_TOO_LARGE',
  message: 'dataset is larger than the limit of 5368709120 bytes (DATASET_MAX_BYTES)',
};

/** Node refuses a request line and headers over 16 KB before the route: a long description, percent-encoded, can be. */
export const LONG_QUERY_EXAMPLE = {
  error_code: 'REQUEST_TOO_LARGE',
  message: 'the request line and headers exceed 16 KB (a long query string, percent-encoded?): send less',
};
export const DIGEST_MISMATCH_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: `X-Content-SHA256: the uploaded content has sha256 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae, not ${SHA}; nothing was recorded`,
};
