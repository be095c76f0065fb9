import { TagKeySchema } from '@ledger/contracts';
import { openApiSchema } from '@ledger/platform';
import { MODEL_EXAMPLE, NOT_FOUND_EXAMPLE, VERSION_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { mlflowModel, mlflowVersion } from '../mlflow-shapes';

// Derived from the native examples through the real mappers, so the two pages of /docs agree.
export const MLFLOW_VERSION_EXAMPLE = mlflowVersion(VERSION_EXAMPLE);
export const MLFLOW_MODEL_EXAMPLE = mlflowModel(
  MODEL_EXAMPLE,
  [VERSION_EXAMPLE],
  [{ alias: 'champion', version: VERSION_EXAMPLE.version }],
);

const HINT = ' See the API docs for more information about request parameters.';
export const missingParam = (name: string) => ({
  error_code: 'INVALID_PARAMETER_VALUE',
  message: `Missing value for required parameter '${name}'.${HINT}`,
});
export const MLFLOW_MODEL_NOT_FOUND = NOT_FOUND_EXAMPLE;
export const MLFLOW_VERSION_NOT_FOUND = VERSION_NOT_FOUND_EXAMPLE;
export const MLFLOW_MODEL_EXISTS = {
  error_code: 'RESOURCE_ALREADY_EXISTS',
  message: 'registered model "churn" already exists',
};
export const MLFLOW_BAD_VERSION = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: `Invalid value "abc" for parameter 'version' supplied. It must be a positive integer version number.${HINT}`,
};
export const badFilter = (validKeys: string) => ({
  error_code: 'INVALID_PARAMETER_VALUE',
  message: `Invalid attribute key 'owner' specified. Valid keys are '{${validKeys}}'`,
});

// tagRecord refuses an empty key (missing) and a value that is not a string; the command checks the key's length.
const TAG_SCHEMA = {
  type: 'object',
  required: ['key'],
  properties: { key: openApiSchema(TagKeySchema), value: { type: 'string' } },
};
export const TAGS_SCHEMA = { type: 'array', items: TAG_SCHEMA, description: 'Tags as a list of {key, value}' };
const TIMESTAMP = { type: 'integer', format: 'int64', description: 'Milliseconds since the epoch' };

export const MLFLOW_VERSION_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string', description: 'The version number, as a string' },
    creation_timestamp: TIMESTAMP,
    last_updated_timestamp: TIMESTAMP,
    current_stage: { type: 'string', enum: ['None', 'Staging', 'Production', 'Archived'] },
    description: { type: 'string' },
    source: { type: 'string' },
    run_id: { type: 'string' },
    run_link: { type: 'string' },
    status: { type: 'string', enum: ['READY'], description: 'Always READY: registration is synchronous' },
    tags: TAGS_SCHEMA,
    aliases: { type: 'array', items: { type: 'string' } },
    model_id: { type: 'string', description: 'The MLflow 3 logged model it was registered from; absent when none' },
  },
};

export const MLFLOW_MODEL_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    creation_timestamp: TIMESTAMP,
    last_updated_timestamp: TIMESTAMP,
    description: { type: 'string' },
    latest_versions: { type: 'array', items: MLFLOW_VERSION_SCHEMA, description: 'The latest version in each stage' },
    tags: TAGS_SCHEMA,
    aliases: {
      type: 'array',
      items: { type: 'object', properties: { alias: { type: 'string' }, version: { type: 'string' } } },
    },
  },
};

export const EMPTY_SCHEMA = { type: 'object', properties: {} };
