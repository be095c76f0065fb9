import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, ErrorBody, openApiSchema } from '@ledger/platform';

import { MLFLOW_AJAX_PREFIX } from '../mlflow-routes';

/** A request field of an MLflow operation: a query parameter of a GET, a body field otherwise. */
export interface MlflowField {
  type?: 'string' | 'integer' | 'boolean' | 'string[]';
  required?: boolean;
  description?: string;
  example?: unknown;
  /** A schema of its own, for the fields a plain type does not describe (tag lists). */
  schema?: Record<string, unknown>;
}

export interface MlflowOperation {
  summary: string;
  description?: string;
  fields?: Record<string, MlflowField>;
  /** An example request body, for operations that read one. */
  request?: Record<string, unknown>;
  response: { schema: Record<string, unknown>; example: unknown };
  errors: Record<number, ErrorBody | ErrorBody[]>;
  /** A rule between body fields (anyOf, …), merged into the body's schema. */
  bodyRule?: Record<string, unknown>;
}

const AJAX_NOTE = `Also served, undocumented, under /${MLFLOW_AJAX_PREFIX} (the prefix the MLflow UI calls).`;

// requiredString takes an empty string as missing.
const typeOf = (f: MlflowField): Record<string, unknown> =>
  f.schema ??
  (f.type === 'string[]'
    ? { type: 'array', items: { type: 'string' } }
    : { type: f.type ?? 'string', ...((f.type ?? 'string') === 'string' && f.required ? { minLength: 1 } : {}) });

/** A registered model's name, with the schema the registry checks every name with. */
export const MODEL_NAME_FIELD: MlflowField = {
  required: true,
  description: 'Registered model name',
  example: 'churn',
  schema: openApiSchema(ModelNameSchema),
};

/** A version as MLflow sends it, a string: requiredVersion takes 1..2147483647 (the document, 9 digits). */
export const VERSION_FIELD: MlflowField = {
  required: true,
  description: 'Version number, as a string',
  example: '3',
  schema: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
};

/** A stage as MLflow takes it: None, Staging, Production or Archived, in any case. */
export { STAGE_SCHEMA } from '../../model/transitioning-stage/transition-stage.docs';

// Examples sit in the schema: Swagger UI prefills "Try it out" from there for query and body alike.
const exampleOf = (f: MlflowField) => (f.example === undefined ? {} : { example: f.example });

const propertyOf = (f: MlflowField) => ({
  ...typeOf(f),
  ...(f.description ? { description: f.description } : {}),
  ...exampleOf(f),
});

const queryParams = (fields: Record<string, MlflowField>) =>
  Object.entries(fields).map(([name, f]) =>
    ApiQuery({
      name,
      required: f.required ?? false,
      description: f.type === 'string[]' ? `${f.description ?? ''} (repeat the key for several)`.trim() : f.description,
      schema: { ...typeOf(f), ...exampleOf(f) },
    }),
  );

const bodyOf = (op: MlflowOperation) => {
  const fields = Object.entries(op.fields ?? {});
  const schema = {
    type: 'object',
    required: fields.filter(([, f]) => f.required).map(([name]) => name),
    // MLflow's JSON reader (protobuf's) takes null as a field not given: so does mlflow-params.
    properties: Object.fromEntries(
      fields.map(([name, f]) => [name, f.required ? propertyOf(f) : { ...propertyOf(f), nullable: true }]),
    ),
    ...op.bodyRule,
  };
  return ApiBody({ schema, examples: { example: { value: op.request ?? {} } } });
};

const common = (op: MlflowOperation) => [
  ApiOperation({ summary: op.summary, description: [op.description, AJAX_NOTE].filter(Boolean).join('\n\n') }),
  ApiOkResponse({
    description: 'MLflow response',
    content: { 'application/json': { schema: op.response.schema, example: op.response.example } },
  }),
  ApiErrors(op.errors, 'mlflow'),
];

/** Documents an MLflow GET: its parameters come in the query string. */
export const MlflowQueryDoc = (op: MlflowOperation) => applyDecorators(...common(op), ...queryParams(op.fields ?? {}));

/** Documents an MLflow command (POST, PATCH or DELETE): its parameters come as a JSON body. */
export const MlflowBodyDoc = (op: MlflowOperation) => applyDecorators(...common(op), bodyOf(op), CommandHeaders());

/** A read sent as POST (get-latest-versions): a JSON body, but no command headers. */
export const MlflowReadBodyDoc = (op: MlflowOperation) => applyDecorators(...common(op), bodyOf(op));

export const objectResponse = (key: string, schema: Record<string, unknown>, example: unknown) => ({
  schema: { type: 'object', properties: { [key]: schema } },
  example: { [key]: example },
});
