import { Body, Controller, Inject, Param, Patch } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, DescriptionSchema, ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, MALFORMED_EXAMPLE, MODEL_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { ModelView } from '../getting-model/registered-models.projection';
import { updateModel } from './update-model';

const UpdateModelBody = z
  .strictObject({ name: ModelNameSchema.optional(), description: DescriptionSchema.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, 'give name, description or both');

@ApiTags('models')
@Controller('api/v1/models')
export class UpdateModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Patch(':name')
  @ApiOperation({
    summary: 'Rename a registered model and/or replace its description',
    description: 'Both changes are one atomic event set. The new name must be free; the history keeps the old name.',
  })
  @ModelNameParam()
  @ApiBody({
    // The refinement (name, description or both) as JSON Schema says it.
    schema: { ...openApiSchema(UpdateModelBody), minProperties: 1 },
    examples: {
      rename: { value: { name: 'attrition' } },
      describe: { value: { description: 'Predicts churn within 30 days' } },
    },
  })
  @ApiOkResponse({ description: 'The model after the change', schema: { type: 'object', example: MODEL_EXAMPLE } })
  @ApiErrors({
    400: [
      { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'registered model "attrition" already exists' },
      INVALID_EXAMPLE,
      MALFORMED_EXAMPLE,
    ],
    404: NOT_FOUND_EXAMPLE,
  })
  @CommandHeaders()
  async update(
    @Param('name') rawName: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ModelView> {
    const name = parseModelName(rawName);
    const { name: newName, description } = parseInput(UpdateModelBody, body ?? {});
    return updateModel(this.registry, { name, newName, description }, metadata);
  }
}
