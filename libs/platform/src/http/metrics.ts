import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { HttpRequest as Request, HttpResponse as Response, Next as NextFunction } from './express-types';

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop). Off for all but one service sharing a process. */
  processMetrics?: boolean;
}

export interface ServiceMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

const withProcessMetrics = new WeakSet<Registry>();

/**
 * One registry per service, never prom-client's global one: several services may run in one
 * process (embedded mode) and each serves its own /metrics. Other parts of the service (relay,
 * bus DLQ counter) register their metrics on `registry`.
 */
export function createServiceMetrics(service: string, options: MetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) includeProcessMetrics(registry);
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** collectDefaultMetrics throws when called twice on one registry; this is safe to repeat. */
export function includeProcessMetrics(registry: Registry): void {
  if (withProcessMetrics.has(registry)) return;
  withProcessMetrics.add(registry);
  collectDefaultMetrics({ register: registry });
}

/**
 * Express middleware timing every request. The route label is the matched pattern
 * (/api/v1/models/:name), never the raw URL, so label cardinality stays bounded.
 */
export function httpMetricsMiddleware(metrics: ServiceMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
