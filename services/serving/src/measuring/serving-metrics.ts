import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Outcome } from './window-stats.domain';

type VersionLabels = 'model' | 'version' | 'environment';

/** Serving's Prometheus series, on the service's own registry (its /metrics). */
export class ServingMetrics {
  readonly requests: Counter<VersionLabels | 'outcome'>;
  readonly duration: Histogram<VersionLabels | 'outcome'>;
  readonly replicas: Gauge<VersionLabels>;
  readonly restarts: Counter<VersionLabels>;
  readonly batchRows: Histogram<VersionLabels>;

  constructor(registry: Registry) {
    const labelNames = ['model', 'version', 'environment'] as const;
    this.requests = new Counter({
      name: 'serving_requests_total',
      help: 'Inference requests by model, version, environment and outcome (ok, error, rejected; shadow_ok, shadow_error for shadow copies)',
      labelNames: [...labelNames, 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'serving_request_duration_seconds',
      help: 'Inference latency from routing to answer, by model, version, environment and outcome',
      labelNames: [...labelNames, 'outcome'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.replicas = new Gauge({
      name: 'serving_replicas',
      help: 'Ready replicas (worker threads) of each loaded version',
      labelNames,
      registers: [registry],
    });
    this.restarts = new Counter({
      name: 'serving_replica_restarts_total',
      help: 'Replicas restarted after their thread stopped unexpectedly',
      labelNames,
      registers: [registry],
    });
    this.batchRows = new Histogram({
      name: 'serving_batch_rows',
      help: 'Rows per inference batch sent to a replica',
      labelNames,
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 512, 2048, 10000],
      registers: [registry],
    });
  }

  request(labels: Record<VersionLabels, string>, outcome: Outcome, ms: number, shadow: boolean): void {
    const tagged = { ...labels, outcome: shadow ? `shadow_${outcome}` : outcome };
    this.requests.inc(tagged);
    if (outcome !== 'rejected') this.duration.observe(tagged, ms / 1000);
  }
}
