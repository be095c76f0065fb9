// Serving's data plane on the service kit, without the control plane: the inference and metrics
// routes over a real runtime (worker threads, onnxruntime) and a temporary artifact store.
import type { Signature } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { featuresModule, ServiceDefinition } from '@ledger/platform';
import { serviceUnderTest, ServiceUnderTest } from '@ledger/testing';
import {
  acceptInferenceBodies,
  inferenceErrorDialect,
  inferenceFeature,
  ServingConfigInput,
  servingSettings,
} from './inferring';
import { servingMetricsFeature } from './measuring';
import { storeFixture, temporaryBlobStore } from './onnx-fixtures.fixture';
import { createServingRuntime, ServingDataPlane } from './runtime/create-serving-runtime';
import { createServingControl } from './served-model';
import { SERVING, ServingContext } from './serving.context';

type Store = Awaited<ReturnType<typeof temporaryBlobStore>>;

function dataPlaneService(store: Store, random?: () => number): ServiceDefinition<ServingContext, ServingConfigInput> {
  return {
    name: 'serving',
    http: {
      title: 'Model Ledger serving (data plane)',
      errorDialects: [inferenceErrorDialect],
      prepare: (app, context) => acceptInferenceBodies(app, context.inference.maxBodyBytes),
    },
    migrations: [],
    context: (host, config) => {
      const settings = servingSettings(config, {});
      const plane = createServingRuntime({
        blobs: store.store,
        registry: host.metrics.registry,
        clock: host.metadata.clock,
        batching: settings.batching,
        ...(random ? { random } : {}),
      });
      // The control plane is there but never driven: these tests load into the plane directly.
      const control = createServingControl(host.db, host.metadata, plane, [], { maxReplicas: 8, commands: {} });
      return { db: host.db, metadata: host.metadata, runtime: plane, control, plane, inference: settings };
    },
    module: (context) =>
      featuresModule('serving', [inferenceFeature, servingMetricsFeature], [{ provide: SERVING, useValue: context }]),
  };
}

export interface DataPlaneUnderTest extends ServiceUnderTest<ServingContext> {
  plane: ServingDataPlane;
  clock: ManualClock;
  /** Stores fixtures/onnx/<file> and loads it as a version of `name` in `environment`. */
  loadFixture(
    file: string,
    version: number,
    options?: { name?: string; environment?: string; replicas?: number; signature?: Signature | null },
  ): Promise<void>;
}

export async function dataPlaneUnderTest(
  options: { label: string; config?: ServingConfigInput; random?: () => number } = { label: 'serving' },
): Promise<DataPlaneUnderTest> {
  const store = await temporaryBlobStore();
  const clock = new ManualClock();
  const service = await serviceUnderTest(dataPlaneService(store, options.random), {
    label: options.label,
    clock,
    config: options.config ?? {},
  });
  const plane = service.service.context.plane;
  return {
    ...service,
    plane,
    clock,
    async loadFixture(
      file,
      version,
      { name = 'churn', environment = 'production', replicas = 1, signature = null } = {},
    ) {
      const artifactSha256 = await storeFixture(store.store, file);
      await plane.load({ name, environment, version, artifactSha256, replicas, signature });
    },
    async close() {
      await service.close();
      await plane.close();
      await store.remove();
    },
  };
}
