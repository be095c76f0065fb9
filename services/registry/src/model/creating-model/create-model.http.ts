import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, CreateRegisteredModel } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { INVALID_EXAMPLE, MALFORMED_EXAMPLE, MODEL_EXAMPLE, TOO_LARGE_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { ModelView } from '../getting-model/registered-models.projection';
import { createModel } from './create-model';

@ApiTags('models')
@Controller('api/v1/models')
export class CreateModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a registered model',
    description: 'Names are unique and case-sensitive; a taken name is RESOURCE_ALREADY_EXISTS.',
  })
  @ApiBody({
    schema: openApiSchema(CreateRegisteredModel.schema),
    examples: {
      minimal: { value: { name: 'churn' } },
      full: { value: { name: 'churn', description: MODEL_EXAMPLE.description, tags: MODEL_EXAMPLE.tags } },
    },
  })
  @ApiCreatedResponse({
    description: 'The new model',
    schema: { type: 'object', example: { ...MODEL_EXAMPLE, latestVersion: null } },
  })
  @ApiErrors({
    400: [
      { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'registered model "churn" already exists' },
      INVALID_EXAMPLE,
      MALFORMED_EXAMPLE,
    ],
    413: TOO_LARGE_EXAMPLE,
  })
  @CommandHeaders()
  async create(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<ModelView> {
    return createModel(this.registry, parseInput(CreateRegisteredModel.schema, body), metadata);
  }
}
