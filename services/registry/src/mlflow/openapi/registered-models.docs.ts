import { ALIAS_SCHEMA } from '../../http-params';
import {
  MlflowBodyDoc,
  MlflowField,
  MODEL_NAME_FIELD,
  VERSION_FIELD,
  STAGE_SCHEMA,
  MlflowQueryDoc,
  MlflowReadBodyDoc,
  objectResponse,
} from './mlflow-doc';
import {
  badFilter,
  EMPTY_SCHEMA,
  missingParam,
  MLFLOW_BAD_VERSION,
  MLFLOW_MODEL_EXAMPLE,
  MLFLOW_MODEL_EXISTS,
  MLFLOW_MODEL_NOT_FOUND,
  MLFLOW_MODEL_SCHEMA,
  MLFLOW_VERSION_EXAMPLE,
  MLFLOW_VERSION_SCHEMA,
  TAGS_SCHEMA,
} from './mlflow-examples';

const NAME = MODEL_NAME_FIELD;
const ALIAS: MlflowField = { required: true, description: 'Alias', example: 'champion', schema: ALIAS_SCHEMA };
const KEY: MlflowField = { required: true, description: 'Tag key', example: 'team' };
const STAGES: MlflowField = {
  type: 'string[]',
  description: 'Stages to include (all when none): None, Staging, Production, Archived',
  example: ['Production'],
  schema: { type: 'array', items: STAGE_SCHEMA },
};
const BAD_STAGE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'stages: "Canary" is not one of None, Staging, Production, Archived',
};

const MODEL = objectResponse('registered_model', MLFLOW_MODEL_SCHEMA, MLFLOW_MODEL_EXAMPLE);
const EMPTY = { schema: EMPTY_SCHEMA, example: {} };
const NAME_ERRORS = { 400: missingParam('name'), 404: MLFLOW_MODEL_NOT_FOUND };
const LATEST = {
  summary: 'Latest version of a registered model in each stage',
  response: objectResponse('model_versions', { type: 'array', items: MLFLOW_VERSION_SCHEMA }, [MLFLOW_VERSION_EXAMPLE]),
  errors: { 400: [missingParam('name'), BAD_STAGE], 404: MLFLOW_MODEL_NOT_FOUND },
};

/** The OpenAPI documentation of MLflow's RegisteredModel endpoints, one entry per handler. */
export const RegisteredModelDocs = {
  create: MlflowBodyDoc({
    summary: 'Create a registered model',
    fields: { name: NAME, description: { description: 'Description' }, tags: { schema: TAGS_SCHEMA } },
    request: {
      name: 'churn',
      description: 'Predicts customer churn within 30 days',
      tags: [{ key: 'team', value: 'growth' }],
    },
    response: {
      ...MODEL,
      example: { registered_model: { ...MLFLOW_MODEL_EXAMPLE, latest_versions: [], aliases: [] } },
    },
    errors: { 400: [MLFLOW_MODEL_EXISTS, missingParam('name')] },
  }),
  get: MlflowQueryDoc({
    summary: 'Get a registered model with its latest versions and aliases',
    fields: { name: NAME },
    response: MODEL,
    errors: NAME_ERRORS,
  }),
  rename: MlflowBodyDoc({
    summary: 'Rename a registered model',
    fields: { name: NAME, new_name: { required: true, description: 'The new name', example: 'churn-v2' } },
    request: { name: 'churn', new_name: 'churn-v2' },
    response: { ...MODEL, example: { registered_model: { ...MLFLOW_MODEL_EXAMPLE, name: 'churn-v2' } } },
    errors: { 400: [missingParam('new_name'), MLFLOW_MODEL_EXISTS], 404: MLFLOW_MODEL_NOT_FOUND },
  }),
  update: MlflowBodyDoc({
    summary: "Replace a registered model's description",
    description: 'As in MLflow, a request without description clears it.',
    fields: { name: NAME, description: { description: 'The new description' } },
    request: { name: 'churn', description: 'Predicts customer churn within 30 days' },
    response: MODEL,
    errors: NAME_ERRORS,
  }),
  delete: MlflowBodyDoc({
    summary: 'Delete a registered model',
    fields: { name: NAME },
    request: { name: 'churn' },
    response: EMPTY,
    errors: NAME_ERRORS,
  }),
  search: MlflowQueryDoc({
    summary: 'Search registered models',
    description: "MLflow's filter grammar over name and tags (e.g. `name LIKE 'churn%'`); pages with next_page_token.",
    fields: {
      filter: { description: 'MLflow search filter', example: "name LIKE 'churn%'" },
      max_results: { type: 'integer', description: 'Page size (default 100)', example: 10 },
      order_by: {
        type: 'string[]',
        description: 'Order clauses, e.g. "name ASC", "last_updated_timestamp DESC"',
        example: ['name ASC'],
      },
      page_token: { description: 'next_page_token of the previous page' },
    },
    response: {
      schema: {
        type: 'object',
        properties: {
          registered_models: { type: 'array', items: MLFLOW_MODEL_SCHEMA },
          next_page_token: { type: 'string' },
        },
      },
      example: { registered_models: [MLFLOW_MODEL_EXAMPLE], next_page_token: 'eyJvZmZzZXQiOjEwfQ' },
    },
    errors: { 400: badFilter("'name'") },
  }),
  setTag: MlflowBodyDoc({
    summary: 'Set a tag on a registered model',
    fields: { name: NAME, key: KEY, value: { description: 'Tag value', example: 'growth' } },
    request: { name: 'churn', key: 'team', value: 'growth' },
    response: EMPTY,
    errors: { 400: missingParam('key'), 404: MLFLOW_MODEL_NOT_FOUND },
  }),
  deleteTag: MlflowBodyDoc({
    summary: 'Delete a tag of a registered model',
    fields: { name: NAME, key: KEY },
    request: { name: 'churn', key: 'team' },
    response: EMPTY,
    errors: { 400: missingParam('key'), 404: MLFLOW_MODEL_NOT_FOUND },
  }),
  setAlias: MlflowBodyDoc({
    summary: 'Point an alias at a version',
    fields: {
      name: NAME,
      alias: ALIAS,
      version: VERSION_FIELD,
    },
    request: { name: 'churn', alias: 'champion', version: '3' },
    response: EMPTY,
    errors: { 400: [missingParam('alias'), MLFLOW_BAD_VERSION], 404: MLFLOW_MODEL_NOT_FOUND },
  }),
  deleteAlias: MlflowBodyDoc({
    summary: 'Delete an alias',
    fields: { name: NAME, alias: ALIAS },
    request: { name: 'churn', alias: 'champion' },
    response: EMPTY,
    errors: {
      400: missingParam('alias'),
      404: {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'alias "champion" of registered model "churn" does not exist',
      },
    },
  }),
  getByAlias: MlflowQueryDoc({
    summary: 'Get the version an alias points at',
    fields: { name: NAME, alias: ALIAS },
    response: objectResponse('model_version', MLFLOW_VERSION_SCHEMA, MLFLOW_VERSION_EXAMPLE),
    errors: {
      400: missingParam('alias'),
      404: {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'alias "champion" of registered model "churn" does not exist',
      },
    },
  }),
  latestByPost: MlflowReadBodyDoc({
    ...LATEST,
    fields: { name: NAME, stages: STAGES },
    request: { name: 'churn', stages: ['Production'] },
  }),
  latestByGet: MlflowQueryDoc({ ...LATEST, fields: { name: NAME, stages: STAGES } }),
};
