import type { Feature } from '@ledger/platform';
import type { ServingContext } from '../serving.context';
import { ModelMetricsHttp } from './model-metrics.http';

/** The per-version metrics window the deployer's analysis reads (needs ServingContext.plane). */
export const servingMetricsFeature: Feature<ServingContext> = {
  name: 'serving-metrics',
  http: [ModelMetricsHttp],
};
