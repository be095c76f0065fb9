import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiParam } from '@nestjs/swagger';
import { EnvironmentNameSchema, ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';

/** The `:env` and `:name` path parameters of a model in an environment, parsed. */
export const targetOf = (env: string, name: string) => ({
  environment: parseInput(EnvironmentNameSchema, env, 'env'),
  name: parseInput(ModelNameSchema, name, 'name'),
});

const DEPLOYMENT_ID = 'deploy:production:churn:0193a4d2-7c1e-7b3a-9d4e-6f1a2b3c4d5e';

/** What every command on a model in an environment documents: its parameters, 202, and its refusals. */
export const SteeringRoute = (action: string) =>
  applyDecorators(
    ApiParam({ name: 'env', description: 'The environment', schema: openApiSchema(EnvironmentNameSchema) }),
    ApiParam({ name: 'name', description: 'The registered model', schema: openApiSchema(ModelNameSchema) }),
    ApiAcceptedResponse({
      description:
        'Handed to the rollout workflow; follow it at GET /api/v1/deployments/{deploymentId} (duplicate: this commandId was handled before)',
      schema: { example: { deploymentId: DEPLOYMENT_ID, duplicate: false } },
    }),
    ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'replicas: must be at most 32' },
      403: {
        error_code: 'PERMISSION_DENIED',
        message: `bob may not ${action} in protected environment "production": that needs the role "approver"`,
      },
      404: [
        {
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: 'registered model "churn" does not exist (as far as the registry\'s events tell)',
        },
        {
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: 'environment "dev" is not configured (PUT /api/v1/environments/dev creates it)',
        },
      ],
      409: {
        error_code: 'INVALID_STATE',
        message:
          'version 4 of registered model "churn" has no artifact attached: serving loads the version\'s ONNX artifact by its sha256, so attach one first',
      },
    }),
  );
