import { EnvironmentNameSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema } from '@ledger/platform';
import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

export const POLICY_EXAMPLE = {
  trigger: { kind: 'alias', alias: 'champion' },
  models: { fraud: { trigger: { kind: 'pinned', version: '1.0.0' } } },
  strategy: {
    kind: 'canary',
    steps: [{ weight: 10, pause: { seconds: 60 } }, { weight: 50 }],
    analysis: { intervalSeconds: 10, maxErrorRate: 0.01, maxP99Ratio: 1.5 },
  },
  replicas: 3,
  protection: { approverRole: 'approver' },
};

export const ENVIRONMENT_EXAMPLE = {
  environment: 'production',
  policyVersion: 2,
  policy: POLICY_EXAMPLE,
  isDefault: false,
  configuredAt: '2026-12-04T12:00:00.000Z',
  configuredBy: 'ops',
};

/** The `:env` path parameter, with the 400 a bad name gets. */
export const EnvironmentParam = () =>
  applyDecorators(
    ApiParam({ name: 'env', description: 'The environment', schema: openApiSchema(EnvironmentNameSchema) }),
    ApiErrors({
      400: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'env: must be a lower-case DNS label (a-z, 0-9, "-"; at most 63 characters)',
      },
    }),
  );
