import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { contentPath, LocalBlobStore } from '@ledger/blobs';
import { NotFoundError } from '@ledger/contracts';
import { eventually } from '@ledger/testing';
import { classifierHoldout, storeBlob, storeFixture, temporaryBlobStore } from '../onnx-fixtures.fixture';
import { createServingRuntime, ServingDataPlane } from './create-serving-runtime';
import { liveReplicaThreads } from './replica';
import type { WireFeeds } from './replica-protocol';

// Real worker threads running the real onnxruntime-node on the real fixtures.
const target = { name: 'churn', environment: 'production', version: 1 };
const rowFeeds = (rows: number[][]): WireFeeds => ({
  float_input: { type: 'float32', data: Float32Array.from(rows.flat()), dims: [rows.length, 8] },
});

describe('the replica engine', () => {
  let blobs: { store: LocalBlobStore; remove(): Promise<void> };
  let runtime: ServingDataPlane;
  let registry: Registry;
  let classifier: string;

  beforeAll(async () => {
    blobs = await temporaryBlobStore();
    classifier = await storeFixture(blobs.store, 'classifier.onnx');
  });
  beforeEach(() => {
    registry = new Registry();
    runtime = createServingRuntime({ blobs: blobs.store, registry });
  });
  afterEach(() => runtime.close());
  afterAll(() => blobs.remove());

  const load = (replicas: number, sha256 = classifier, version = 1) =>
    runtime.load({ ...target, version, artifactSha256: sha256, replicas, signature: null });
  const infer = (rows: number[][]) => runtime.version(target)!.infer(rowFeeds(rows));

  it('predicts what onnxruntime in Python predicts for the holdout rows, one by one and in batches', async () => {
    await load(2);
    const { rows, expected } = await classifierHoldout();
    const single = await Promise.all(rows.map((row) => infer([row])));
    const batch = await infer(rows);
    single.forEach((outputs, i) => {
      expect(Number(outputs.label.data[0])).toBe(expected.labels[i]);
      expect(outputs.probabilities.data[1]).toBeCloseTo(expected.probabilities[i][1], 6);
    });
    expect([...batch.label.data].map(Number)).toEqual(expected.labels);
    expect(batch.probabilities.dims).toEqual([rows.length, 2]);
  });

  it('runs each replica in its own worker thread, and collects concurrent requests into batches', async () => {
    const before = liveReplicaThreads();
    await load(3);
    const threads = runtime.replicaThreads(target);
    expect(new Set(threads).size).toBe(3);
    expect(threads).not.toContain(0); // 0 is the main thread
    expect(liveReplicaThreads() - before).toBe(3);
    const { rows, expected } = await classifierHoldout();
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => infer([rows[i % rows.length]])));
    answers.forEach((a, i) => expect(Number(a.label.data[0])).toBe(expected.labels[i % rows.length]));
    const batches = (await registry.getSingleMetric('serving_batch_rows')!.get()).values as {
      metricName?: string;
      value: number;
    }[];
    const rowsSent = batches.find((v) => v.metricName === 'serving_batch_rows_sum')!.value;
    const batchCount = batches.find((v) => v.metricName === 'serving_batch_rows_count')!.value;
    expect(rowsSent).toBe(400);
    expect(batchCount).toBeLessThan(400);
  });

  it('restarts a replica whose thread dies, counts it, and loses no request', async () => {
    await load(3);
    const { rows } = await classifierHoldout();
    const traffic = Promise.all(Array.from({ length: 300 }, (_, i) => infer([rows[i % rows.length]])));
    const killed = await runtime.crashReplica(target);
    await expect(traffic).resolves.toHaveLength(300);
    await eventually(() => expect(runtime.replicaThreads(target)).toHaveLength(3));
    expect(runtime.replicaThreads(target)).not.toContain(killed);
    expect(runtime.loaded()).toEqual([expect.objectContaining({ restarts: 1, ready: true, replicas: 3 })]);
    expect(await registry.getSingleMetricAsString('serving_replica_restarts_total')).toContain(
      'serving_replica_restarts_total{model="churn",version="1",environment="production"} 1',
    );
  });

  it('scales 3 → 5 → 2 under concurrent requests without failing one', async () => {
    await load(3);
    const { rows } = await classifierHoldout();
    let stop = false;
    const failures: unknown[] = [];
    let answered = 0;
    const client = async () => {
      for (let i = 0; !stop; i++)
        await infer([rows[i % rows.length]]).then(
          () => answered++,
          (e) => failures.push(e),
        );
    };
    const clients = Array.from({ length: 8 }, client);
    await runtime.scale(target, 5);
    expect(runtime.replicaThreads(target)).toHaveLength(5);
    await runtime.scale(target, 2);
    expect(runtime.replicaThreads(target)).toHaveLength(2);
    stop = true;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    expect(runtime.loaded()[0]).toMatchObject({ replicas: 2, ready: true });
  });

  it('unloads a version: requests in flight are answered, its threads end and it is gone', async () => {
    const before = liveReplicaThreads();
    await load(3);
    const { rows } = await classifierHoldout();
    const inFlight = Promise.all(Array.from({ length: 50 }, (_, i) => infer([rows[i % rows.length]])));
    await runtime.unload(target);
    await expect(inFlight).resolves.toHaveLength(50);
    expect(liveReplicaThreads()).toBe(before);
    expect(runtime.loaded()).toEqual([]);
    expect(runtime.version(target)).toBeUndefined();
    expect(() => runtime.replicaThreads(target)).toThrow(NotFoundError);
  });

  it('loads several versions of one model at once, and a repeated load changes nothing', async () => {
    const worse = await storeFixture(blobs.store, 'classifier_worse.onnx');
    await load(1);
    await load(1, worse, 2);
    expect(await load(1)).toEqual({ loadedInMs: 0 });
    expect(runtime.loaded().map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses an artifact that is missing, does not match its digest, is not ONNX, or cannot answer its warm-up', async () => {
    await expect(load(1, 'a'.repeat(64))).rejects.toThrow(NotFoundError);
    const tampered = await storeFixture(blobs.store, 'classifier_worse.onnx');
    await writeFile(join(blobs.store.root, contentPath(tampered)), Buffer.alloc(600, 8));
    await expect(load(1, tampered)).rejects.toMatchObject({
      kind: 'Validation',
      message: expect.stringContaining('does not match its digest'),
    });
    const pickle = await storeBlob(blobs.store, Buffer.from([0x80, 0x04, 0x95, 0x10, 0x00]));
    await expect(load(1, pickle)).rejects.toMatchObject({
      kind: 'Validation',
      message: expect.stringContaining('not an ONNX model'),
    });
    const broken = await storeFixture(blobs.store, 'broken.onnx');
    await expect(load(2, broken)).rejects.toMatchObject({
      kind: 'Validation',
      message: expect.stringContaining('cannot load the ONNX model'),
    });
    expect(runtime.loaded()).toEqual([]);
  });

  it('serves the slow fixture with the same predictions as the classifier', async () => {
    await load(1, await storeFixture(blobs.store, 'classifier_slow.onnx'));
    const { rows, expected } = await classifierHoldout();
    const outputs = await infer(rows);
    expect([...outputs.label.data].map(Number)).toEqual(expected.labels);
    expected.probabilities.flat().forEach((p, i) => expect(outputs.probabilities.data[i]).toBeCloseTo(p, 6));
  });

  it('fails a request the model cannot run (the faulty fixture) after a warm-up it passed', async () => {
    await load(1, await storeFixture(blobs.store, 'classifier_faulty.onnx'));
    const { rows } = await classifierHoldout();
    await expect(infer([rows[0]])).rejects.toThrow(/out of data bounds/);
    await expect(infer([[0, 0, 0, 0, 0, 0, 0, 0]])).resolves.toHaveProperty('label');
  });
});
