import { PrincipalNameSchema } from '@ledger/contracts';
import { openApiSchema } from '@ledger/platform';
import { MlflowBodyDoc, MlflowField, MODEL_NAME_FIELD, MlflowQueryDoc, objectResponse } from './mlflow-doc';
import { EMPTY_SCHEMA, missingParam, MLFLOW_MODEL_NOT_FOUND } from './mlflow-examples';

const NAME = MODEL_NAME_FIELD;
const USERNAME: MlflowField = {
  required: true,
  description: 'The principal (user or service account)',
  example: 'alice',
  schema: openApiSchema(PrincipalNameSchema),
};
const PERMISSION: MlflowField = {
  required: true,
  description: 'READ, EDIT, MANAGE or NO_PERMISSIONS',
  example: 'EDIT',
  schema: { type: 'string', enum: ['READ', 'EDIT', 'MANAGE', 'NO_PERMISSIONS'] },
};
const GRANT = objectResponse(
  'registered_model_permission',
  {
    type: 'object',
    properties: { name: { type: 'string' }, user_id: { type: 'string' }, permission: { type: 'string' } },
  },
  { name: 'churn', user_id: 'alice', permission: 'EDIT' },
);
const EMPTY = { schema: EMPTY_SCHEMA, example: {} };
const DENIED = {
  error_code: 'PERMISSION_DENIED',
  message: 'bob has EDIT on registered model "churn"; SetModelPermission needs MANAGE',
};
const NO_GRANT = {
  error_code: 'RESOURCE_DOES_NOT_EXIST',
  message: 'alice has no permission on registered model "churn"',
};
const ERRORS = { 400: missingParam('name'), 403: DENIED, 404: [MLFLOW_MODEL_NOT_FOUND, NO_GRANT] };

/** MLflow's auth plug-in endpoints for registered-model permissions (what `AuthServiceClient` calls). */
export const ModelPermissionDocs = {
  create: MlflowBodyDoc({
    summary: 'Grant a user a permission on a registered model (needs MANAGE)',
    fields: { name: NAME, username: USERNAME, permission: PERMISSION },
    request: { name: 'churn', username: 'alice', permission: 'EDIT' },
    response: GRANT,
    errors: {
      ...ERRORS,
      400: [
        missingParam('name'),
        { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'alice already has EDIT on registered model "churn"' },
      ],
    },
  }),
  get: MlflowQueryDoc({
    summary: "A user's permission on a registered model (needs MANAGE)",
    fields: { name: NAME, username: USERNAME },
    response: GRANT,
    errors: ERRORS,
  }),
  update: MlflowBodyDoc({
    summary: "Change a user's permission on a registered model (needs MANAGE)",
    fields: { name: NAME, username: USERNAME, permission: PERMISSION },
    request: { name: 'churn', username: 'alice', permission: 'MANAGE' },
    response: EMPTY,
    errors: ERRORS,
  }),
  delete: MlflowBodyDoc({
    summary: "Remove a user's permission on a registered model (needs MANAGE)",
    fields: { name: NAME, username: USERNAME },
    request: { name: 'churn', username: 'alice' },
    response: EMPTY,
    errors: ERRORS,
  }),
};
