import type { Measurement } from '@ledger/contracts';
import { commandMetadata, MetadataSource } from '@ledger/eventstore';
import type { DeploymentRuntime, VersionMetrics } from '../../runtime/deployment-runtime';
import type { AnalysisMeasured, MeasureAnalysis } from '../rollout-messages';

/**
 * A version's numbers as the analysis judges them. A blue-green preview only gets shadow copies
 * of requests, so what it answered as the shadow counts as its traffic; the rate is recomputed
 * over that total.
 */
export function measurementOf(metrics: VersionMetrics | undefined): Measurement {
  if (!metrics) return { requests: 0, errors: 0, errorRate: null, p99Ms: null };
  const requests = metrics.requests + metrics.shadowRequests;
  return {
    requests,
    errors: metrics.errors,
    errorRate: requests > 0 ? Math.min(1, metrics.errors / requests) : null,
    p99Ms: metrics.p99Ms,
  };
}

/**
 * Takes one analysis measurement from the runtime and hands it back to the rollout. Its
 * commandId derives from the MeasureAnalysis one: measured twice (a redelivery), it is one input.
 */
export async function measureAnalysis(
  runtime: DeploymentRuntime,
  metadata: MetadataSource,
  command: MeasureAnalysis & { metadata: { correlationId: string } },
): Promise<AnalysisMeasured> {
  const { commandId, name, environment, deploymentId, step, measurement, windowSeconds } = command.data;
  const versions = await runtime.metrics(environment, name, windowSeconds);
  const of = (version: number) => measurementOf(versions.find((v) => v.version === version));
  const stable = versions.some((v) => v.version === command.data.stableVersion) ? of(command.data.stableVersion) : null;
  return {
    type: 'AnalysisMeasured',
    data: { name, environment, deploymentId, step, measurement, canary: of(command.data.canaryVersion), stable },
    metadata: commandMetadata(metadata, {
      actor: { id: 'deployer', kind: 'service' },
      correlationId: command.metadata.correlationId,
      causationId: commandId,
      commandId: `${commandId}:measured`,
    }),
  };
}
