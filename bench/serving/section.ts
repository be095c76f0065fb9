// The bench's serving section (issue 9): the peers, and ours when the platform serves, under the
// same load on the same classifier. Without our serving, the peers alone are recorded, and
// servingSkipped says why: never a made-up number.
import { progress, round } from '../stats';
import { measureServingEndpoint } from './load';
import { onnxPredictions, readHoldout, SERVING_ROW_INDEX } from './peer-model';
import { measureServingPeers, ServingPeers } from './peers';
import { oipV2Body } from './protocols';

export { SERVING_PEERS_NOTE } from './peers';

/** The name under which the platform process deploys fixtures/onnx/classifier.onnx for this section. */
export const SERVING_BENCH_MODEL = 'bench-serving-classifier';

export interface OurServing {
  /** Base URL of our serving (the platform's urls.serving). */
  servingUrl: string;
  /** The model deployed there from fixtures/onnx/classifier.onnx. */
  model?: string;
  headers?: Record<string, string>;
}

export async function benchServing(ours: OurServing | undefined): Promise<Record<string, unknown>> {
  const { text: _note, cpuCores, venvSeconds, ...peers } = await measureServingPeers(progress);
  const result: Record<string, unknown> = { ...peers, servingCpuCores: cpuCores, servingVenvSeconds: venvSeconds };
  if (!ours) {
    result.servingSkipped = 'our serving is not part of the bench platform yet (no urls.serving): peers only';
    return result;
  }
  const inferUrl = `${ours.servingUrl}/v2/models/${encodeURIComponent(ours.model ?? SERVING_BENCH_MODEL)}/infer`;
  const holdout = readHoldout();
  const row = holdout.rows[SERVING_ROW_INDEX];
  const { labels } = await onnxPredictions(holdout);
  const load = await measureServingEndpoint(inferUrl, 'oip-v2', oipV2Body(row), {
    expectedLabel: labels[SERVING_ROW_INDEX],
    headers: ours.headers,
    requireHeader: 'x-ledger-model-version',
    label: 'ledger serving',
  });
  Object.assign(result, { servingPerSec: load.perSec, servingP99Ms: load.p99Ms });
  result.servingCpuCores = { ...cpuCores, serving: load.cpu };
  const best = bestPeer(peers);
  if (best > 0) result.servingVsBestPeer = round(load.perSec / best, 2);
  return result;
}

function bestPeer(peers: Pick<ServingPeers, 'mlflowServePerSec' | 'mlserverPerSec'>): number {
  return Math.max(0, peers.mlflowServePerSec ?? 0, peers.mlserverPerSec ?? 0);
}
