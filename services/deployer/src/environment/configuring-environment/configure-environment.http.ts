import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, EnvironmentNameSchema, EnvironmentPolicySchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import { ENVIRONMENT_EXAMPLE, EnvironmentParam, POLICY_EXAMPLE } from '../environment.examples';
import { EnvironmentView } from '../getting-environments/environment-policies';
import { configureEnvironment } from './configure-environment';

@ApiTags('environments')
@Controller('api/v1/environments')
export class ConfigureEnvironmentHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Put(':env')
  @ApiOperation({
    summary: 'Create an environment or replace its policy',
    description:
      'What triggers a rollout there (an alias, a stage, a pinned version — "latest", a semver label or a number — or manual only; per model too), the default strategy and replicas, and protection (only holders of approverRole, and admins, may deploy, promote, roll back, abort, scale, undeploy or change the policy). Each change is a new policy version; the policy already in force changes nothing. JSON, or YAML with Content-Type application/yaml.',
  })
  @EnvironmentParam()
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ schema: openApiSchema(EnvironmentPolicySchema), examples: { canary: { value: POLICY_EXAMPLE } } })
  @ApiOkResponse({
    description: 'The environment with its policy now in force',
    schema: { example: ENVIRONMENT_EXAMPLE },
  })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'strategy.steps: weights must increase' },
    403: {
      error_code: 'PERMISSION_DENIED',
      message: 'bob may not change the policy in protected environment "production": that needs the role "approver"',
    },
  })
  @CommandHeaders()
  async configure(
    @Param('env') env: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<EnvironmentView> {
    const environment = parseInput(EnvironmentNameSchema, env, 'env');
    const policy = parseInput(EnvironmentPolicySchema, body ?? {});
    return configureEnvironment(this.deployer, { environment, policy }, metadata);
  }
}
