import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { NotFoundError } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import { Queryable } from '@ledger/eventstore';
import { ModelNameParam, parseModelName, WholeNumber, wholeNumberSchema } from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { ChangelogEntry, changelogOf, ChangelogVersion } from './changelog.domain';

const PAGE_MAX = 1000;
const AFTER_MAX = 2_147_483_647;
const PageSchema = z.object({
  after: WholeNumber(0, AFTER_MAX).default(0),
  limit: WholeNumber(1, PAGE_MAX).default(100),
});

const EXAMPLE = {
  name: 'churn',
  entries: [
    {
      version: 2,
      label: '1.1.0',
      reason: 'minor: auc improved 0.9 → 0.93',
      previousVersion: 1,
      metrics: { auc: { value: 0.93, previous: 0.9, delta: 0.03 } },
      registeredBy: 'alice',
      runId: 'run-43',
      createdAt: '2026-03-03T14:00:00.000Z',
    },
  ],
  nextAfter: null,
};

@ApiTags('versions')
@Controller('api/v1/models/:name/changelog')
export class ChangelogHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: "A model's changelog: per live version, its label and why, metric deltas, who and which run",
    description:
      'Oldest first, a page at a time. Each metric of a version is compared with the previous live version (a deleted one is skipped).',
  })
  @ModelNameParam()
  @ApiQuery({ name: 'after', required: false, example: 0, schema: wholeNumberSchema(0, AFTER_MAX) })
  @ApiQuery({ name: 'limit', required: false, example: 100, schema: wholeNumberSchema(1, PAGE_MAX) })
  @ApiOkResponse({
    description: 'One page of entries; nextAfter is null on the last page',
    schema: { example: EXAMPLE },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async changelog(
    @Param('name') rawName: string,
    @Query('after') after: unknown,
    @Query('limit') limit: unknown,
  ): Promise<{ name: string; entries: ChangelogEntry[]; nextAfter: number | null }> {
    const page = parseInput(PageSchema, { after, limit }, 'query');
    const name = parseModelName(rawName);
    const modelId = await findModelId(this.registry.db, name);
    if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
    // The version before the page too (deltas), and one after it (whether another page follows).
    const rows = await changelogRows(this.registry.db, modelId, page.after, page.limit + 1);
    const before = rows[0] && rows[0].version <= page.after ? rows.shift() : undefined;
    const versions = rows.slice(0, page.limit);
    const nextAfter = rows.length > page.limit ? versions[versions.length - 1].version : null;
    return { name, entries: changelogOf(versions, before), nextAfter };
  }
}

async function changelogRows(
  on: Queryable,
  modelId: string,
  after: number,
  limit: number,
): Promise<ChangelogVersion[]> {
  const rows: Record<string, unknown>[] = await on.query(
    `(SELECT version, semver_label, semver_reason, metrics, registered_by, run_id, created_at FROM model_versions
       WHERE model_id = $1 AND NOT deleted AND version <= $2 ORDER BY version DESC LIMIT 1)
     UNION ALL
     (SELECT version, semver_label, semver_reason, metrics, registered_by, run_id, created_at FROM model_versions
       WHERE model_id = $1 AND NOT deleted AND version > $2 ORDER BY version LIMIT $3)
     ORDER BY version`,
    [modelId, after, limit],
  );
  return rows.map((row) => ({
    version: row.version as number,
    label: row.semver_label as string | null,
    reason: row.semver_reason as string | null,
    metrics: row.metrics as Record<string, number>,
    registeredBy: row.registered_by as string,
    runId: row.run_id as string,
    createdAt: (row.created_at as Date).toISOString(),
  }));
}
