// The models, holdouts and scikit-learn vectors of fixtures/onnx (made by make_models.py), for specs
// and the re-evaluation bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassificationMetrics } from './classification-metrics.domain';
import type { RegressionMetrics } from './regression-metrics.domain';

export const FIXTURES = join(__dirname, '../../../../fixtures/onnx');

export interface FixtureModel {
  readonly task: 'classification' | 'regression';
  readonly holdout: string;
  readonly label: string;
  readonly features: string[];
  /** sklearn.metrics on onnxruntime's scores of the holdout. */
  readonly metrics: ClassificationMetrics & RegressionMetrics;
  /** sklearn.metrics on the scikit-learn model's own (float64) scores. */
  readonly sklearnModelMetrics: ClassificationMetrics & RegressionMetrics;
}

export interface SklearnVectors {
  readonly models: Record<string, FixtureModel>;
  readonly edgeCases: {
    readonly classification: {
      name: string;
      labels: number[];
      probabilities: number[];
      threshold: number;
      expected: ClassificationMetrics;
    }[];
    readonly regression: { name: string; actual: number[]; predicted: number[]; expected: RegressionMetrics }[];
  };
}

export const sklearnVectors = (): SklearnVectors => JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

export const fixtureBytes = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** A numeric CSV as written by pandas (a header line, no quoting): column name → values. */
export function readNumericCsv(name: string): Map<string, Float64Array> {
  const [header, ...lines] = readFileSync(join(FIXTURES, name), 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  const columns = names.map(() => new Float64Array(lines.length));
  lines.forEach((line, i) => line.split(',').forEach((cell, j) => (columns[j][i] = Number(cell))));
  return new Map(names.map((column, j) => [column, columns[j]]));
}
