// Router overhead: p99 of one single-row request through routing, input checks, the batcher and a
// replica thread, against p99 of the same run called directly on an in-process onnxruntime session.
// Run: node scripts/run-ts.js services/serving/src/measuring/router-overhead.ts [requests]
import { performance } from 'node:perf_hooks';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseV2Request } from '../inferring/v2-request.domain';
import { serveInference } from '../inferring/serving-requests';
import { FIXTURES, storeFixture, temporaryBlobStore } from '../onnx-fixtures.fixture';
import { createServingRuntime } from '../runtime/create-serving-runtime';

export interface RouterOverhead {
  requests: number;
  directP99Ms: number;
  routedP99Ms: number;
  directP50Ms: number;
  routedP50Ms: number;
  /** routed p99 − direct p99 (the target: ≤ 2 ms). */
  routerOverheadP99Ms: number;
}

const ROW = [2, 10, 4, 1, 5, 15.5, 1.87, 15.1];

const quantile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.ceil(q * samples.length) - 1];

async function timed(times: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(200, times); i++) await call(); // warm both paths alike
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function measureRouterOverhead(requests = 5000): Promise<RouterOverhead> {
  const session = await InferenceSession.create(await readFile(join(FIXTURES, 'classifier.onnx')), {
    intraOpNumThreads: 1,
  });
  const direct = await timed(requests, () =>
    session.run({ float_input: new Tensor('float32', Float32Array.from(ROW), [1, 8]) }),
  );
  await session.release();
  const blobs = await temporaryBlobStore();
  const plane = createServingRuntime({ blobs: blobs.store });
  try {
    const target = { name: 'churn', environment: 'production', version: 1 };
    await plane.load({
      ...target,
      artifactSha256: await storeFixture(blobs.store, 'classifier.onnx'),
      replicas: 1,
      signature: null,
    });
    plane.setTraffic('churn', 'production', { routes: [{ version: 1, weight: 100 }] });
    const body = { inputs: [{ name: 'float_input', shape: [1, 8], datatype: 'FP32', data: ROW }] };
    const routed = await timed(requests, () =>
      serveInference(plane, {
        name: 'churn',
        environment: 'production',
        header: () => undefined,
        parse: (model) => parseV2Request(body, model, 10_000),
        chosen: () => undefined,
      }),
    );
    const [directP99Ms, routedP99Ms] = [quantile(direct, 0.99), quantile(routed, 0.99)];
    return {
      requests,
      directP50Ms: quantile(direct, 0.5),
      routedP50Ms: quantile(routed, 0.5),
      directP99Ms,
      routedP99Ms,
      routerOverheadP99Ms: routedP99Ms - directP99Ms,
    };
  } finally {
    await plane.close();
    await blobs.remove();
  }
}

// scripts/run-ts.js loads this file by require: it is the script when it is argv[1].
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  void measureRouterOverhead(Number(process.argv[2] ?? 5000)).then((result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  });
}
