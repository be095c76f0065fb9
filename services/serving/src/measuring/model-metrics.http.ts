import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema, parseInput } from '@ledger/platform';
import { SERVING, ServingContext } from '../serving.context';
import { parseServedModel, ServedModelParams } from '../served-model/serving-params';
import { MAX_WINDOW_SECONDS } from './request-window';
import type { VersionWindow } from './window-stats.domain';

const WindowSeconds = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(MAX_WINDOW_SECONDS, `must be at most ${MAX_WINDOW_SECONDS}`);

const MetricsQuery = z.strictObject({
  windowSeconds: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(WindowSeconds)
    .default(60),
});

export interface ModelMetricsView {
  name: string;
  environment: string;
  windowSeconds: number;
  versions: VersionWindow[];
}

/** Per-version requests, errors and latency over a recent window: what the deployer's analysis reads. */
@ApiTags('metrics')
@Controller('api/v1/environments/:environment/models/:name/metrics')
export class ModelMetricsHttp {
  constructor(@Inject(SERVING) private readonly serving: ServingContext) {}

  @Get()
  @ApiOperation({
    summary: "A model's per-version request statistics over the last windowSeconds (1..3600, default 60)",
    description:
      "`errors`: the version failed (5xx); `rejected`: bad input (4xx, not the version's fault); `errorRate` = errors / (requests − rejected), null without such requests; p50Ms / p99Ms over what the version ran, null without any. Loaded versions without requests are listed with zeros.",
  })
  @ServedModelParams()
  // The number the query string must spell (the zod schema above reads it from text).
  @ApiQuery({ name: 'windowSeconds', required: false, schema: openApiSchema(WindowSeconds.default(60)) })
  @ApiOkResponse({ description: 'The window, one entry per version' })
  read(
    @Param('environment') environment: string,
    @Param('name') model: string,
    @Query() query: unknown,
  ): ModelMetricsView {
    const { environment: env, name } = parseServedModel(environment, model);
    const { windowSeconds } = parseInput(MetricsQuery, query ?? {}, 'query');
    const measured = this.serving.plane.window.read(env, name, windowSeconds);
    const idle = this.serving.plane
      .loaded()
      .filter((v) => v.name === name && v.environment === env && !measured.some((m) => m.version === v.version))
      .map((v) => quiet(v.version));
    return {
      name,
      environment: env,
      windowSeconds,
      versions: [...measured, ...idle].sort((a, b) => a.version - b.version),
    };
  }
}

const quiet = (version: number): VersionWindow => ({
  version,
  requests: 0,
  errors: 0,
  rejected: 0,
  errorRate: null,
  p50Ms: null,
  p99Ms: null,
  shadowRequests: 0,
  shadowErrors: 0,
});
