// OpenAPI examples of the artifact routes (the operations test checks every route has one).
const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export const ARTIFACT_EXAMPLE = {
  sha256: SHA,
  sizeBytes: 48213554,
  uri: `file:///var/lib/ledger/artifacts/sha256/9f/86/${SHA}`,
};
export const ARTIFACT_SHA_EXAMPLE = SHA;
export const VERIFIED_EXAMPLE = { ok: true, sha256: SHA, sizeBytes: 48213554 };

export const NO_ARTIFACT_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message:
    'version 3 of registered model "churn" has no uploaded artifact; its artifacts are at its source "s3://models/churn/3/model.onnx"',
};
export const VERSION_NOT_FOUND_EXAMPLE = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'version 7 of registered model "churn" does not exist',
};
export const CORRUPTED_EXAMPLE = {
  error_code: 'ARTIFACT_CORRUPTED',
  message:
    'the stored artifact of version 3 of registered model "churn" does not match its sha256: re-upload the same content to repair it',
  details: {
    expectedSha256: SHA,
    actualSha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    sizeBytes: 48213554,
  },
};
export const DIGEST_MISMATCH_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: `X-Content-SHA256: the uploaded content has sha256 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae, not ${SHA}; nothing was stored`,
};
export const ALREADY_ATTACHED_EXAMPLE = {
  error_code: 'RESOURCE_ALREADY_EXISTS',
  message: `version 3 of registered model "churn" already has an artifact (sha256 ${SHA}); an artifact never changes, register a new version`,
};
export const NOT_BYTES_EXAMPLE = {
  error_code: 'UNSUPPORTED_MEDIA_TYPE',
  message: 'an artifact is sent as raw bytes (Content-Type: application/octet-stream), not "application/json"',
};

export const ARTIFACT_TOO_LARGE_EXAMPLE = {
  error_code: 'REQUEST_TOO_LARGE',
  message: 'artifact is larger than the limit of 5368709120 bytes',
};
