// reevalRowsPerSec (issue 8): the small churn classifier re-evaluated end to end — model loaded
// from its bytes, columns mapped to its input, scored by onnxruntime-node in batches, metrics
// computed — on the 1,000-row holdout replicated to REEVAL_ROWS rows.
// Alone: node scripts/run-ts.js bench/validator/reeval.ts
import { resolve } from 'node:path';
import {
  fixtureBytes,
  readNumericCsv,
  sklearnVectors,
} from '../../services/validator/src/evaluating/onnx-fixtures.fixture';
import { reevaluate } from '../../services/validator/src/evaluating/reevaluate';
import { perSecond, percentile, progress } from '../stats';

export const REEVAL_ROWS = 200_000;
const RUNS = 5;

/** The holdout's columns, each repeated until the dataset has `rows` rows. */
function replicated(columns: Map<string, Float64Array>, rows: number): Map<string, Float64Array> {
  return new Map(
    [...columns].map(([name, column]) => {
      const out = new Float64Array(rows);
      for (let start = 0; start < rows; start += column.length) out.set(column.subarray(0, rows - start), start);
      return [name, out];
    }),
  );
}

export async function measureReevaluation(): Promise<{ reevalRowsPerSec: number }> {
  const fixture = sklearnVectors().models['classifier.onnx'];
  const bytes = fixtureBytes('classifier.onnx');
  const columns = replicated(readNumericCsv(fixture.holdout), REEVAL_ROWS);
  const options = { task: 'classification', label: fixture.label, features: fixture.features } as const;
  const samples: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const result = await reevaluate(bytes, columns, options);
    const elapsed = performance.now() - started;
    // Replicating the holdout changes no rate, so the metrics must still be scikit-learn's.
    if (
      !result.ok ||
      result.task !== 'classification' ||
      Math.abs(result.metrics.rocAuc! - fixture.metrics.rocAuc!) > 1e-6
    ) {
      throw new Error(`re-evaluation bench: unexpected result ${JSON.stringify(result)}`);
    }
    if (run > 0) samples.push(elapsed); // the first run warms the JIT and onnxruntime up
  }
  const medianMs = percentile(samples, 50);
  const reevalRowsPerSec = perSecond(REEVAL_ROWS, medianMs);
  progress(
    `re-evaluation: ${REEVAL_ROWS} rows in ${medianMs.toFixed(1)} ms (median of ${RUNS}) = ${reevalRowsPerSec} rows/s`,
  );
  return { reevalRowsPerSec };
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  measureReevaluation().then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
