import { applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiResponse, DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { isOpenPath } from '../auth/authenticate';
import { z } from 'zod';
import { ErrorBody } from './error-response';

/** The OpenAPI schema of a zod input schema: the contract stays the single source of truth. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

/**
 * Documents each field of the zod object a route parses its query string with as one query
 * parameter, with that field's schema: the document states exactly the bounds the route checks.
 */
export function ApiQueryFrom(schema: z.ZodObject, descriptions: Record<string, string> = {}) {
  const { properties = {}, required = [] } = openApiSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(properties).map(([name, field]) =>
      ApiQuery({ name, required: required.includes(name), schema: field, description: descriptions[name] }),
    ),
  );
}

/** A regular expression (for a document's `pattern`) matching any one of these words, in any case. */
export const anyWordPattern = (words: readonly string[]): string =>
  `(?:${words.map((word) => [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('')).join('|')})`;

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error_code', 'message'],
  properties: {
    error_code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
};

/** MLflow's error contract: exactly `{ error_code, message }`, no details. */
const MLFLOW_ERROR_SCHEMA = {
  ...ERROR_SCHEMA,
  properties: { error_code: ERROR_SCHEMA.properties.error_code, message: ERROR_SCHEMA.properties.message },
};

/**
 * Documents error responses with the shared body and one named example per error; `mlflow`
 * documents MLflow's exact body instead (no `details`).
 */
export function ApiErrors(examples: Record<number, ErrorBody | ErrorBody[]>, contract: 'native' | 'mlflow' = 'native') {
  return applyDecorators(
    ...Object.entries(examples).map(([status, given]) => {
      const list = Array.isArray(given) ? given : [given];
      return ApiResponse({
        status: Number(status),
        description: list.map((e) => e.error_code).join(', '),
        content: {
          'application/json': {
            schema: contract === 'mlflow' ? MLFLOW_ERROR_SCHEMA : ERROR_SCHEMA,
            examples: Object.fromEntries(list.map((e) => [e.error_code, { summary: e.message, value: e }])),
          },
        },
      });
    }),
  );
}

const SHED_EXAMPLE: ErrorBody = {
  error_code: 'TEMPORARILY_UNAVAILABLE',
  message: 'too busy: 10000 commands are already waiting for a transaction; retry shortly',
  details: { retryAfterSeconds: 1 },
};

/** Adds the load-shedding answer (503 + Retry-After) to every write operation of a document. */
export function documentShedding(document: OpenAPIObject): void {
  forEachOperation(document, WRITES, (operation) => {
    operation.responses = {
      ...operation.responses,
      503: {
        description:
          'TEMPORARILY_UNAVAILABLE: too many commands waiting; nothing was done, send it again after Retry-After seconds',
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' } },
        content: {
          'application/json': {
            schema: ERROR_SCHEMA,
            examples: { TEMPORARILY_UNAVAILABLE: { summary: SHED_EXAMPLE.message, value: SHED_EXAMPLE } },
          },
        },
      },
    };
  });
}

const WRITES = ['post', 'put', 'patch', 'delete'] as const;

const errorAnswer = (description: string, example: ErrorBody) => (schema: object) => ({
  description,
  content: {
    'application/json': {
      schema,
      examples: { [example.error_code]: { summary: example.message, value: example } },
    },
  },
});

const INVALID = errorAnswer('INVALID_PARAMETER_VALUE: a parameter, header or body field the route refuses', {
  error_code: 'INVALID_PARAMETER_VALUE',
  message: 'name: must not be empty',
});
const TOO_LARGE = errorAnswer('REQUEST_TOO_LARGE: the body is larger than the service takes', {
  error_code: 'REQUEST_TOO_LARGE',
  message: 'request body is larger than 1mb',
});
const NOT_JSON = errorAnswer('UNSUPPORTED_MEDIA_TYPE: a body that is not JSON (Content-Type: application/json)', {
  error_code: 'UNSUPPORTED_MEDIA_TYPE',
  message: 'request body must be JSON (Content-Type: application/json), got "text/plain"',
});

/** The error body schema an operation already documents (its dialect: MLflow's has no details). */
function errorSchemaOf(operation: Operation): object {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = (response as { content?: Record<string, { schema?: object }> }).content?.['application/json']
      ?.schema;
    if (status.startsWith('4') && schema) return schema;
  }
  return ERROR_SCHEMA;
}

/**
 * The answers every route can give whatever its own documentation says, added where it does not
 * say them: 400 where it reads any input, 413 and 415 where it reads a body. (405 with Allow
 * answers any method a path does not document, which OpenAPI cannot list per operation.)
 */
export function documentEveryAnswer(document: OpenAPIObject): void {
  forEachOperation(document, METHODS, (operation) => {
    const hasBody = operation.requestBody !== undefined;
    const readsInput = hasBody || (operation.parameters?.length ?? 0) > 0;
    const schema = errorSchemaOf(operation);
    operation.responses = {
      ...(readsInput ? { 400: INVALID(schema) } : {}),
      ...(hasBody ? { 413: TOO_LARGE(schema), 415: NOT_JSON(schema) } : {}),
      ...operation.responses,
    };
  });
}
const METHODS = ['get', 'head', 'options', ...WRITES] as const;
type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function forEachOperation(
  document: OpenAPIObject,
  methods: readonly (typeof METHODS)[number][],
  visit: (operation: Operation, route: string) => void,
): void {
  for (const [route, path] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = path[method];
      if (operation) visit(operation, route);
    }
  }
}

const UNAUTHENTICATED_EXAMPLE: ErrorBody = {
  error_code: 'UNAUTHENTICATED',
  message: 'authentication required: send an API token as "Authorization: Bearer <token>", or …',
};

/** The two ways to present an API token (mlt_<id>_<secret>), by the names operations refer to. */
export function declareSecuritySchemes(builder: DocumentBuilder): void {
  builder
    .addBasicAuth(
      {
        type: 'http',
        scheme: 'basic',
        description:
          "The principal's name as the user, an API token of theirs as the password (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD)",
      },
      'basic',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'mlt_<id>_<secret>',
        description: 'An API token (MLFLOW_TRACKING_TOKEN)',
      },
      'bearer',
    );
}

const FORBIDDEN_ACTOR_EXAMPLE: ErrorBody = {
  error_code: 'PERMISSION_DENIED',
  message: 'X-Actor needs a service account with the delegate role; alice may act only as itself',
};

/**
 * Every operation but the open ones (health, metrics, docs) takes either scheme and may answer
 * 401, and 403 to an X-Actor its principal may not send (unless it documents its own 403s).
 */
export function documentAuthentication(document: OpenAPIObject): void {
  forEachOperation(document, METHODS, (operation, route) => {
    if (isOpenPath(route)) return;
    operation.security = [{ basic: [] }, { bearer: [] }];
    operation.responses = {
      ...operation.responses,
      401: {
        description:
          "UNAUTHENTICATED: no credentials, or a token that is unknown, revoked or expired, of a disabled principal, or (Basic) not the user's",
        headers: {
          'WWW-Authenticate': { schema: { type: 'string' }, description: 'the accepted schemes: Basic and Bearer' },
        },
        // No details: the same body on the native and the MLflow routes.
        content: {
          'application/json': {
            schema: MLFLOW_ERROR_SCHEMA,
            examples: { UNAUTHENTICATED: { summary: UNAUTHENTICATED_EXAMPLE.message, value: UNAUTHENTICATED_EXAMPLE } },
          },
        },
      },
      403: operation.responses[403] ?? {
        description: 'PERMISSION_DENIED: X-Actor from a principal other than a service account with the delegate role',
        content: {
          'application/json': {
            schema: MLFLOW_ERROR_SCHEMA,
            examples: {
              PERMISSION_DENIED: { summary: FORBIDDEN_ACTOR_EXAMPLE.message, value: FORBIDDEN_ACTOR_EXAMPLE },
            },
          },
        },
      },
    };
  });
}
