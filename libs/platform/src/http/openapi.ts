import { applyDecorators } from '@nestjs/common';
import { ApiResponse, OpenAPIObject } from '@nestjs/swagger';
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
  for (const path of Object.values(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const operation = path[method];
      if (!operation) continue;
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
    }
  }
}
