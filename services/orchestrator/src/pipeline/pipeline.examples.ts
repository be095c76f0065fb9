import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { PipelineScopeSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema } from '@ledger/platform';

/** "accuracy ≥ 0.85 → Staging automatically": a one-line policy as a pipeline. */
export const THRESHOLD_PIPELINE = {
  description: 'accuracy ≥ 0.85 → Staging + challenger, no gate',
  parameters: { alias: 'challenger' },
  steps: [
    { id: 'validate', type: 'validate', timeout: '1h' },
    { id: 'staging', type: 'transition', stage: 'Staging', when: { metric: 'accuracy', op: '>=', value: 0.85 } },
    { id: 'alias', type: 'set-alias', alias: '${alias}', retries: { max: 3 } },
  ],
};

export const PIPELINE_YAML_EXAMPLE = `description: nightly revalidation of the champion
triggers:
  - on: schedule
    cron: "0 3 * * *"
    timezone: Europe/Berlin
    target: { alias: champion }
steps:
  - id: validate
    type: validate
    revalidate: true`;

export const PIPELINE_EXAMPLE = {
  model: 'churn',
  pipelineVersion: 2,
  definition: { triggers: [{ on: 'VersionCreated' }], maxConcurrentRuns: 10, supersede: true, ...THRESHOLD_PIPELINE },
  source: 'model',
  definedAt: '2026-12-04T12:00:00.000Z',
  definedBy: 'ana',
};

/** The `:model` path parameter (a model's name, or `*` for the default), with the 400 a bad one gets. */
export const PipelineScopeParam = () =>
  applyDecorators(
    ApiParam({
      name: 'model',
      description: 'A registered model’s name, or `*` for the default every model without its own follows',
      schema: openApiSchema(PipelineScopeSchema),
    }),
    ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'model: must not contain "/" or control characters' },
    }),
  );
