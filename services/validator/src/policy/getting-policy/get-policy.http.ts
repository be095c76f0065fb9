import { applyDecorators, Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
import { VALIDATOR, ValidatorContext } from '../../validator.context';
import { policyAt, policyHistory } from '../policy-versions';

const POLICY_EXAMPLE = {
  name: 'churn',
  policyVersion: 2,
  checks: [
    {
      id: 'auc',
      kind: 'threshold',
      blocking: true,
      metric: 'auc',
      threshold: 0.8,
      greater_is_better: true,
      baseline: { alias: 'champion', stage: 'Production' },
    },
  ],
  isSet: true,
  format: 'yaml',
  setAt: '2026-11-22T17:00:00.000Z',
  setBy: 'ana',
};

const PolicyNameParam = () =>
  applyDecorators(
    ApiParam({ name: 'name', description: 'The registered model', schema: openApiSchema(ModelNameSchema) }),
    ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'name: must not be empty' } }),
  );

@ApiTags('validation policies')
@Controller('api/v1/validation-policies')
export class GetPolicyHttp {
  constructor(@Inject(VALIDATOR) private readonly validator: ValidatorContext) {}

  @Get(':name')
  @ApiOperation({ summary: 'The policy in force for a model (version 0, the default, while none was set)' })
  @PolicyNameParam()
  @ApiOkResponse({ schema: { example: POLICY_EXAMPLE } })
  async current(@Param('name') name: string) {
    return policyAt(this.validator.db, parseInput(ModelNameSchema, name, 'name'));
  }

  @Get(':name/history')
  @ApiOperation({ summary: 'Every policy version set for a model, oldest first, with who set it and when' })
  @PolicyNameParam()
  @ApiOkResponse({ schema: { example: { policies: [POLICY_EXAMPLE] } } })
  async history(@Param('name') name: string) {
    return { policies: await policyHistory(this.validator.db, parseInput(ModelNameSchema, name, 'name')) };
  }
}
