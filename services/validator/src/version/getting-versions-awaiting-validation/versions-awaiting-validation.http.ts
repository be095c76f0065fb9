import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, parseInput } from '@ledger/platform';
import { queryVersionsAwaitingValidation } from './versions-awaiting-validation.projection';

const QuerySchema = z.strictObject({
  model: ModelNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

@ApiTags('validations')
@Controller('api/v1/validations')
export class VersionsAwaitingValidationController {
  constructor(private readonly db: DataSource) {}

  @Get('pending')
  @ApiQueryFrom(QuerySchema, { model: 'Only versions of this registered model', limit: '1..1000, default 100' })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'limit: Too big: expected number to be <=1000' },
  })
  @ApiOkResponse({
    description: 'Versions registered and not yet validated, oldest first',
    schema: {
      example: {
        versions: [
          {
            modelId: '0193a3c4-…',
            modelName: 'churn',
            version: 3,
            source: 's3://models/churn/3',
            runId: 'run-42',
            registeredAt: '2026-11-22T17:00:00.000Z',
          },
        ],
      },
    },
  })
  async pending(@Query() query: Record<string, unknown>) {
    const { model, limit } = parseInput(QuerySchema, query, 'query');
    return { versions: await queryVersionsAwaitingValidation(this.db, { modelName: model, limit }) };
  }
}
