import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnvironmentNameSchema } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import { ENVIRONMENT_EXAMPLE, EnvironmentParam } from '../environment.examples';
import { allEnvironments, environmentOrNotFound, EnvironmentView } from './environment-policies';

@ApiTags('environments')
@Controller('api/v1/environments')
export class EnvironmentsHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Get()
  @ApiOperation({
    summary: 'Every environment with its policy in force',
    description:
      'Configured ones, and the defaults nobody configured yet (isDefault, policyVersion 0): production ← alias champion, staging ← stage Staging, strategy replace, 1 replica.',
  })
  @ApiOkResponse({ schema: { example: { environments: [ENVIRONMENT_EXAMPLE] } } })
  async list(): Promise<{ environments: EnvironmentView[] }> {
    return { environments: await allEnvironments(this.deployer.db) };
  }

  @Get(':env')
  @ApiOperation({ summary: "One environment's policy in force (its default while never configured)" })
  @EnvironmentParam()
  @ApiOkResponse({ schema: { example: ENVIRONMENT_EXAMPLE } })
  @ApiErrors({
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'environment "dev" is not configured (PUT /api/v1/environments/dev creates it)',
    },
  })
  async one(@Param('env') env: string): Promise<EnvironmentView> {
    return environmentOrNotFound(this.deployer.db, parseInput(EnvironmentNameSchema, env, 'env'));
  }
}
