import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { EnvironmentNameSchema, ModelNameSchema } from '@ledger/contracts';
import { openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';

// Path segments arrive as strings: "abc" and "1.5" are refused, never coerced or truncated.
const VersionNumber = z.number().int().min(1, 'must be a positive integer').max(2_147_483_647);
const VersionSegment = z.string().regex(/^\d+$/, 'must be a positive integer').transform(Number).pipe(VersionNumber);

/** The model in an environment a route names, each part checked and named when it is wrong. */
export const parseServedModel = (environment: string, name: string) => ({
  environment: parseInput(EnvironmentNameSchema, environment, 'environment'),
  name: parseInput(ModelNameSchema, name, 'name'),
});

export const parseServedVersion = (environment: string, name: string, version: string) => ({
  ...parseServedModel(environment, name),
  version: parseInput(VersionSegment, version, 'version'),
});

export type ServedModel = ReturnType<typeof parseServedModel>;
export type ServedVersion = ReturnType<typeof parseServedVersion>;

export const ServedModelParams = () =>
  applyDecorators(
    ApiParam({
      name: 'environment',
      description: 'Environment (a DNS label)',
      example: 'production',
      schema: openApiSchema(EnvironmentNameSchema),
    }),
    ApiParam({
      name: 'name',
      description: 'Registered model name',
      example: 'churn',
      schema: openApiSchema(ModelNameSchema),
    }),
  );

export const ServedVersionParams = () =>
  applyDecorators(
    ServedModelParams(),
    ApiParam({ name: 'version', description: 'Version number', example: '3', schema: openApiSchema(VersionNumber) }),
  );

const paramsOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<{ params: Record<string, string> }>().params;

/** Controller parameter: the route's environment and model, checked (400 naming the part that is wrong). */
export const ServedModelTarget = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const { environment, name } = paramsOf(context);
  return parseServedModel(environment, name);
});

/** Controller parameter: the route's environment, model and version, checked. */
export const ServedVersionTarget = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const { environment, name, version } = paramsOf(context);
  return parseServedVersion(environment, name, version);
});
