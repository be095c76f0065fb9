import { Controller, DynamicModule, Get, Header, Inject, Logger, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse as Response } from './express-types';
import { ServiceMetrics } from './metrics';

export const OBSERVABILITY = Symbol('observability-options');

/** A check passes when its promise resolves (e.g. `() => db.query('SELECT 1')`). */
export type HealthCheck = () => Promise<unknown>;

export interface ObservabilityOptions {
  service: string;
  metrics: ServiceMetrics;
  checks: Record<string, HealthCheck>;
  /** A check slower than this counts as down: a hung database must not hang the probe. */
  checkTimeoutMs?: number;
}

export interface HealthBody {
  status: 'ok' | 'error';
  service: string;
  checks: Record<string, 'ok' | 'down'>;
}

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');
  /** Checks that failed last time: an outage is logged when it starts and ends, not at every probe. */
  private readonly down = new Set<string>();

  constructor(@Inject(OBSERVABILITY) private readonly options: ObservabilityOptions) {}

  @Get('health')
  @ApiOkResponse({
    description: 'Every dependency answers',
    schema: { example: { status: 'ok', service: 'registry', checks: { database: 'ok' } } },
  })
  @ApiResponse({
    status: 503,
    description: 'A dependency is down',
    schema: { example: { status: 'error', service: 'registry', checks: { database: 'down' } } },
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthBody> {
    const entries = await Promise.all(
      Object.entries(this.options.checks).map(async ([name, check]) => [name, await this.run(name, check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, result]) => result === 'ok');
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', service: this.options.service, checks };
  }

  private async run(name: string, check: HealthCheck): Promise<'ok' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), this.options.checkTimeoutMs ?? 2_000);
    });
    try {
      await Promise.race([check(), timeout]);
      if (this.down.delete(name)) this.logger.log(`health check ${name} passes again`);
      return 'ok';
    } catch (error) {
      if (!this.down.has(name)) this.logger.warn(`health check ${name} failed: ${(error as Error)?.message ?? error}`);
      this.down.add(name);
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(@Inject(OBSERVABILITY) private readonly options: ObservabilityOptions) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    schema: {
      type: 'string',
      // One controller serves every service: the example must not name one (each labels its own series).
      example: 'http_request_duration_seconds_count{method="GET",route="/health",status="200",service="<service>"} 3',
    },
  })
  async metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    const { registry } = this.options.metrics;
    response.type(registry.contentType);
    return registry.metrics();
  }
}

/** GET /health and GET /metrics, the same on every service (DESIGN.md §4). */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: OBSERVABILITY, useValue: options }],
      exports: [OBSERVABILITY],
    };
  }
}
