// The peers serve the model behind fixtures/onnx/classifier.onnx, re-trained in scikit-learn by
// peer_model.py. Before any load, its holdout predictions are compared with classifier.onnx run
// by onnxruntime-node: the side-by-side is only meaningful on one and the same model.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadOnnxModel, matrixFromColumns, readClassifierOutputs, toFloat64 } from '@ledger/onnx';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'onnx');
/** float32 (ONNX) against float64 (scikit-learn) probabilities. */
const PROBABILITY_TOLERANCE = 1e-5;
/** The row every request sends: the first of the holdout. */
export const SERVING_ROW_INDEX = 0;

export interface PeerModel {
  /** MLflow model directory (`mlflow models serve -m`). */
  mlflowModelDir: string;
  /** MLServer model repository (`mlserver start`), one model named `classifier`. */
  mlserverRepository: string;
  mlserverModelName: string;
  row: number[];
  /** The class classifier.onnx gives the row. */
  expectedLabel: number;
}

export interface Holdout {
  features: string[];
  rows: number[][];
}

export function readHoldout(): Holdout {
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  const features: string[] = expected.models['classifier.onnx'].features;
  const [header, ...lines] = readFileSync(join(FIXTURES, 'churn_holdout.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = features.map((feature) => columns.indexOf(feature));
  const rows = lines.map((line) => {
    const cells = line.split(',').map(Number);
    return at.map((i) => cells[i]);
  });
  return { features, rows };
}

/** Labels and P(class 1) of classifier.onnx on the holdout, float32 inputs as any ONNX runtime sees them. */
export async function onnxPredictions(holdout: Holdout): Promise<{ labels: number[]; probabilities: number[] }> {
  const model = await loadOnnxModel(readFileSync(join(FIXTURES, 'classifier.onnx')));
  try {
    const columns = holdout.features.map((_, j) => holdout.rows.map((row) => row[j]));
    const outputs = readClassifierOutputs(
      model.description,
      await model.run({ float_input: matrixFromColumns('float32', columns) }),
    );
    if (!outputs.labels) throw new Error('classifier.onnx gave no label output');
    const labels = Array.from(toFloat64(outputs.labels));
    const probabilities = labels.map((_, i) => outputs.probabilities[i * outputs.classes + 1]);
    return { labels, probabilities };
  } finally {
    await model.release();
  }
}

/** Trains and saves the peers' model into `dir` with the MLflow venv's python, then checks it against the ONNX one. */
export async function preparePeerModel(python: string, dir: string): Promise<PeerModel> {
  await run(python, [join(__dirname, 'peer_model.py'), dir], { timeout: 5 * 60_000, maxBuffer: 16 << 20 }).catch(
    (error: { message: string; stderr?: string }) => {
      throw new Error(`peer_model.py: ${error.message}\n${error.stderr ?? ''}`);
    },
  );
  const sklearn = JSON.parse(readFileSync(join(dir, 'holdout-predictions.json'), 'utf8')) as {
    labels: number[];
    probabilities: number[];
  };
  const holdout = readHoldout();
  const onnx = await onnxPredictions(holdout);
  const differs = onnx.labels.findIndex(
    (label, i) =>
      label !== sklearn.labels[i] || Math.abs(onnx.probabilities[i] - sklearn.probabilities[i]) > PROBABILITY_TOLERANCE,
  );
  if (differs >= 0 || sklearn.labels.length !== onnx.labels.length)
    throw new Error(
      `the peers' scikit-learn model differs from classifier.onnx at holdout row ${differs}: ` +
        `onnx ${onnx.labels[differs]} (${onnx.probabilities[differs]}), sklearn ${sklearn.labels[differs]} (${sklearn.probabilities[differs]})`,
    );
  return {
    mlflowModelDir: join(dir, 'mlflow-model'),
    mlserverRepository: join(dir, 'mlserver'),
    mlserverModelName: 'classifier',
    row: holdout.rows[SERVING_ROW_INDEX],
    expectedLabel: onnx.labels[SERVING_ROW_INDEX],
  };
}
