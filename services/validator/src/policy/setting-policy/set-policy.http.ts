import { Body, Controller, Headers, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { parse } from 'yaml';
import { z } from 'zod';
import { CommandMetadata, ModelNameSchema, PolicyChecksSchema } from '@ledger/contracts';
import {
  ApiErrors,
  BODY_FORMAT_HEADER,
  CommandHeaders,
  HttpCommandMetadata,
  openApiSchema,
  parseInput,
} from '@ledger/platform';
import { VALIDATOR, ValidatorContext } from '../../validator.context';
import { PolicyVersionView } from '../policy-versions';
import { setPolicy } from './set-policy';

const PolicyBody = z.strictObject({ checks: PolicyChecksSchema });
const YAML_EXAMPLE = `checks:
  - id: auc
    kind: threshold
    metric: auc
    threshold: 0.8
    min_absolute_change: 0.01
    greater_is_better: true
  - kind: required_metadata
    blocking: false
    tags: [owner]
    signature: true`;

@ApiTags('validation policies')
@Controller('api/v1/validation-policies')
export class SetPolicyHttp {
  constructor(@Inject(VALIDATOR) private readonly validator: ValidatorContext) {}

  @Put(':name')
  @ApiOperation({
    summary: "Set a registered model's validation policy (JSON or YAML)",
    description:
      'A list of checks, each blocking (default) or a warning. Each set is a new policy version; setting the checks already in force changes nothing. A kind this validator has no evaluator for is refused. In YAML (Content-Type: application/yaml):\n\n```yaml\n' +
      YAML_EXAMPLE +
      '\n```',
  })
  @ApiParam({ name: 'name', description: 'The registered model', schema: openApiSchema(ModelNameSchema) })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({
    schema: openApiSchema(PolicyBody),
    examples: {
      json: { value: { checks: [{ kind: 'threshold', metric: 'auc', threshold: 0.8, greater_is_better: true }] } },
      // The document the YAML text in the description denotes: an example is data, in either format.
      yaml: { summary: 'the YAML policy of the description, as the document it denotes', value: parse(YAML_EXAMPLE) },
    },
  })
  @ApiOkResponse({ description: 'The policy now in force' })
  @ApiErrors({
    400: [
      { error_code: 'INVALID_PARAMETER_VALUE', message: 'checks[2].threshold: must be a number, got string' },
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'checks[1].kind: check kind "drift" is not available yet on this validator',
      },
    ],
  })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers(BODY_FORMAT_HEADER) format: string | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<PolicyVersionView> {
    const model = parseInput(ModelNameSchema, name, 'name');
    const { checks } = parseInput(PolicyBody, body ?? {});
    return setPolicy(this.validator, { name: model, checks, format: format === 'yaml' ? 'yaml' : 'json' }, metadata);
  }
}
