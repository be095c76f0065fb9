import { archivingRule } from '../../model/transitioning-stage/transition-stage.docs';
import {
  MlflowBodyDoc,
  MlflowField,
  MODEL_NAME_FIELD,
  VERSION_FIELD,
  STAGE_SCHEMA,
  MlflowQueryDoc,
  objectResponse,
} from './mlflow-doc';
import {
  badFilter,
  EMPTY_SCHEMA,
  missingParam,
  MLFLOW_BAD_VERSION,
  MLFLOW_MODEL_NOT_FOUND,
  MLFLOW_VERSION_EXAMPLE,
  MLFLOW_VERSION_NOT_FOUND,
  MLFLOW_VERSION_SCHEMA,
  TAGS_SCHEMA,
} from './mlflow-examples';

const NAME = MODEL_NAME_FIELD;
const VERSION = VERSION_FIELD;
const KEY: MlflowField = { required: true, description: 'Tag key', example: 'framework' };
const REF = { name: NAME, version: VERSION };

const VERSION_RESPONSE = objectResponse('model_version', MLFLOW_VERSION_SCHEMA, MLFLOW_VERSION_EXAMPLE);
const EMPTY = { schema: EMPTY_SCHEMA, example: {} };
const REF_ERRORS = { 400: [missingParam('version'), MLFLOW_BAD_VERSION], 404: MLFLOW_VERSION_NOT_FOUND };
const BAD_STAGE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'stage "Canary" is not one of None, Staging, Production, Archived',
};

/** The OpenAPI documentation of MLflow's ModelVersion endpoints, one entry per handler. */
export const ModelVersionDocs = {
  create: MlflowBodyDoc({
    summary: 'Register a new version of a model',
    description:
      'The version is READY at once: registration is synchronous. MLflow 3 registers a logged model: source `models:/<model_id>` plus `model_id` (the id in the source wins when model_id is left out; a different one is INVALID_PARAMETER_VALUE). With MLFLOW_TRACKING_URI set for the registry, the logged model must exist on that tracking server and its artifact location is recorded as where the files are; without it the source stays for the client to resolve. Unknown fields are ignored.',
    fields: {
      name: NAME,
      source: { required: true, description: "URI of the version's files", example: 's3://models/churn/3/model.onnx' },
      run_id: { description: 'Run that produced it' },
      run_link: { description: 'Link to the run' },
      description: { description: 'Description' },
      tags: { schema: TAGS_SCHEMA },
      model_id: {
        description: 'MLflow 3: the logged model the version comes from',
        example: 'm-7f3a0c',
        schema: { type: 'string', maxLength: 256, pattern: '^[A-Za-z0-9._:-]*$' },
      },
    },
    request: {
      name: 'churn',
      source: 's3://models/churn/3/model.onnx',
      run_id: 'run-7f3a',
      tags: [{ key: 'framework', value: 'xgboost' }],
    },
    response: {
      ...VERSION_RESPONSE,
      example: { model_version: { ...MLFLOW_VERSION_EXAMPLE, current_stage: 'None', aliases: [] } },
    },
    errors: { 400: missingParam('source'), 404: MLFLOW_MODEL_NOT_FOUND },
  }),
  get: MlflowQueryDoc({ summary: 'Get a model version', fields: REF, response: VERSION_RESPONSE, errors: REF_ERRORS }),
  update: MlflowBodyDoc({
    summary: "Replace a version's description",
    description: 'As in MLflow, a request without description clears it.',
    fields: { ...REF, description: { description: 'The new description' } },
    request: { name: 'churn', version: '3', description: 'calibrated with isotonic regression' },
    response: VERSION_RESPONSE,
    errors: REF_ERRORS,
  }),
  delete: MlflowBodyDoc({
    summary: 'Delete a model version',
    fields: REF,
    request: { name: 'churn', version: '3' },
    response: EMPTY,
    errors: REF_ERRORS,
  }),
  search: MlflowQueryDoc({
    summary: 'Search model versions',
    description:
      "MLflow's filter grammar over name, run_id, source_path, version_number and tags (e.g. `name='churn'`); pages with next_page_token.",
    fields: {
      filter: { description: 'MLflow search filter', example: "name='churn'" },
      max_results: { type: 'integer', description: 'Page size', example: 10 },
      order_by: {
        type: 'string[]',
        description: 'Order clauses, e.g. "version_number DESC"',
        example: ['version_number DESC'],
      },
      page_token: { description: 'next_page_token of the previous page' },
    },
    response: {
      schema: {
        type: 'object',
        properties: {
          model_versions: { type: 'array', items: MLFLOW_VERSION_SCHEMA },
          next_page_token: { type: 'string' },
        },
      },
      example: { model_versions: [MLFLOW_VERSION_EXAMPLE], next_page_token: 'eyJvZmZzZXQiOjEwfQ' },
    },
    errors: { 400: badFilter("'name', 'run_id', 'source_path', 'version_number'") },
  }),
  setTag: MlflowBodyDoc({
    summary: 'Set a tag on a model version',
    fields: { ...REF, key: KEY, value: { description: 'Tag value', example: 'xgboost' } },
    request: { name: 'churn', version: '3', key: 'framework', value: 'xgboost' },
    response: EMPTY,
    errors: REF_ERRORS,
  }),
  deleteTag: MlflowBodyDoc({
    summary: 'Delete a tag of a model version',
    fields: { ...REF, key: KEY },
    request: { name: 'churn', version: '3', key: 'framework' },
    response: EMPTY,
    errors: REF_ERRORS,
  }),
  transition: MlflowBodyDoc({
    summary: 'Move a version to another stage',
    fields: {
      ...REF,
      stage: {
        required: true,
        description: 'None, Staging, Production or Archived',
        example: 'Production',
        schema: STAGE_SCHEMA,
      },
      archive_existing_versions: { type: 'boolean', description: 'Archive the versions now in that stage' },
    },
    request: { name: 'churn', version: '3', stage: 'Production', archive_existing_versions: true },
    bodyRule: archivingRule('archive_existing_versions', 'stage'),
    response: VERSION_RESPONSE,
    errors: { 400: [missingParam('stage'), BAD_STAGE], 404: MLFLOW_VERSION_NOT_FOUND },
  }),
  downloadUri: MlflowQueryDoc({
    summary: "Where a version's files are",
    description:
      "Where the version's files are: its uploaded artifact, else where its source resolved to at registration (a copy's original, or an MLflow 3 logged model's artifact location when the registry knows a tracking server), else its source as registered.",
    fields: REF,
    response: {
      schema: { type: 'object', properties: { artifact_uri: { type: 'string' } } },
      example: { artifact_uri: MLFLOW_VERSION_EXAMPLE.source },
    },
    errors: REF_ERRORS,
  }),
};
