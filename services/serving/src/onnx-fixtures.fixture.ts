// The real models of fixtures/onnx (made by make_models.py) as serving's tests load them: stored in
// a content-addressed store, named by their sha256, as the registry would have stored them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from '@ledger/blobs';

export const FIXTURES = join(__dirname, '../../../fixtures/onnx');

/** 8 float features [N, 8] → label INT64 [N], probabilities FLOAT [N, 2]. */
export type ClassifierFixture =
  'classifier.onnx' | 'classifier_faulty.onnx' | 'classifier_slow.onnx' | 'classifier_worse.onnx';

/** Stores bytes (a fixture's by default) in the store; answers their sha256. */
export async function storeBlob(store: LocalBlobStore, bytes: Uint8Array): Promise<string> {
  const { sha256 } = await store.put(Readable.from([Buffer.from(bytes)]), { maxBytes: 64 * 1024 * 1024 });
  return sha256;
}

/** Stores fixtures/onnx/<name> in the store; answers its sha256 (what a LoadSpec names). */
export async function storeFixture(store: LocalBlobStore, name: string): Promise<string> {
  return storeBlob(store, await readFile(join(FIXTURES, name)));
}

/** A store in a fresh temporary directory, and how to remove it. */
export async function temporaryBlobStore(): Promise<{ store: LocalBlobStore; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-serving-'));
  return { store: new LocalBlobStore(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

interface HoldoutPredictions {
  rows: number;
  labels: number[];
  probabilities: [number, number][];
}

/** The first holdout rows (features in the model's order) and what onnxruntime (Python) predicts for them. */
export async function classifierHoldout(): Promise<{
  rows: number[][];
  expected: HoldoutPredictions;
  features: string[];
}> {
  const expected = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8'));
  const model = expected.models['classifier.onnx'];
  const [header, ...lines] = (await readFile(join(FIXTURES, 'churn_holdout.csv'), 'utf8')).trim().split('\n');
  const columns = header.split(',');
  const rows = lines.slice(0, model.holdoutPredictions.rows).map((line) => {
    const values = line.split(',').map(Number);
    return (model.features as string[]).map((f) => values[columns.indexOf(f)]);
  });
  return { rows, expected: model.holdoutPredictions, features: model.features };
}
