import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName, WholeNumber, wholeNumberSchema } from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { modelIdEverNamed } from '../model-name-history.projection';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, AuditTimeline, readAuditTimeline } from './audit-timeline';

const PageSchema = z.object({
  after: WholeNumber(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: WholeNumber(1, AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
});
const ModelIdSchema = z.uuid('must be a UUID');

const EXAMPLE: AuditTimeline = {
  modelId: '0190a6f0-0000-7000-8000-000000000001',
  name: 'churn',
  deleted: false,
  events: [
    {
      position: 1,
      eventId: '0190a6f0-0000-7000-8000-0000000000aa',
      type: 'RegisteredModelCreated',
      schemaVersion: 1,
      occurredAt: '2026-03-03T14:00:00.000Z',
      actor: { id: 'alice', kind: 'user' },
      correlationId: '0190a6f0-0000-7000-8000-0000000000cc',
      causationId: null,
      data: { modelId: '0190a6f0-0000-7000-8000-000000000001', name: 'churn', description: '', tags: {} },
    },
  ],
  nextAfter: null,
};

const PageQueries = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  ApiQuery({
    name: 'after',
    required: false,
    description: "Stream position to continue after (the previous page's nextAfter)",
    example: 0,
    schema: wholeNumberSchema(0, Number.MAX_SAFE_INTEGER),
  })(target, key, descriptor);
  ApiQuery({
    name: 'limit',
    required: false,
    description: `Events per page, 1..${AUDIT_PAGE_MAX} (default ${AUDIT_PAGE_DEFAULT})`,
    example: 100,
    schema: wholeNumberSchema(1, AUDIT_PAGE_MAX),
  })(target, key, descriptor);
};

/**
 * The audit timeline: every event of a model's stream, with who, when, and in which flow.
 * A name resolves to the model holding it now, else to the model that held it last (renamed
 * away or deleted), so a deleted model's history stays readable by its name; the id route is
 * the unambiguous one (a name reused after a delete names the new model).
 */
@ApiTags('audit')
@Controller('api/v1')
export class AuditTimelineHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get('models/:name/audit')
  @ApiOperation({
    summary: "A model's audit timeline by name (the current holder of the name, else its last holder, even if deleted)",
  })
  @ModelNameParam()
  @PageQueries()
  @ApiOkResponse({ description: 'One page of events, oldest first', schema: { type: 'object', example: EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async byName(
    @Param('name') rawName: string,
    @Query('after') after: unknown,
    @Query('limit') limit: unknown,
  ): Promise<AuditTimeline> {
    const name = parseModelName(rawName);
    const page = parseInput(PageSchema, { after, limit }, 'query');
    const modelId = await modelIdEverNamed(this.registry.db, name);
    const timeline = modelId && (await readAuditTimeline(this.registry.db, modelId, page.after, page.limit));
    if (!timeline) throw new NotFoundError(`registered model "${name}" does not exist and never did`, { name });
    return timeline;
  }

  @Get('audit/models/:modelId')
  @ApiOperation({ summary: "A model's audit timeline by its immutable id (works after renames and deletes)" })
  @ApiParam({
    name: 'modelId',
    description: 'The model id (UUID)',
    example: EXAMPLE.modelId,
    schema: openApiSchema(ModelIdSchema),
  })
  @PageQueries()
  @ApiOkResponse({ description: 'One page of events, oldest first', schema: { type: 'object', example: EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async byId(
    @Param('modelId') rawId: string,
    @Query('after') after: unknown,
    @Query('limit') limit: unknown,
  ): Promise<AuditTimeline> {
    const modelId = parseInput(ModelIdSchema, rawId, 'modelId');
    const page = parseInput(PageSchema, { after, limit }, 'query');
    const timeline = await readAuditTimeline(this.registry.db, modelId, page.after, page.limit);
    if (!timeline) throw new NotFoundError(`registered model ${modelId} does not exist`, { modelId });
    return timeline;
  }
}
