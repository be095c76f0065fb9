// Seeded reference/current files for the drift bench, generated inside DuckDB (no per-row JS):
// every value is a function of (seed, row, column) through DuckDB's hash, so the files are the
// same on every run and machine, and the current file carries known drift in known columns.
import { DuckDBConnection } from '@duckdb/node-api';

export interface DriftDataShape {
  rows: number;
  numeric: number;
  categorical: number;
}

/** Column n<i>: i % 5 → 0 shifted in current, 1 few values (0–3), 2 3% missing, 3 integers 0–14, 4 skewed. */
export function numericNames(shape: DriftDataShape): string[] {
  return Array.from({ length: shape.numeric }, (_, i) => `n${String(i).padStart(2, '0')}`);
}

/** Column c<j>: j % 3 → 0 drifted shares, 1 2% missing, 2 a category unseen in the reference appears (1%). */
export function categoricalNames(shape: DriftDataShape): string[] {
  return Array.from({ length: shape.categorical }, (_, j) => `c${String(j).padStart(2, '0')}`);
}

/**
 * Knowingly drifted columns, for the report to find. A 1% category unseen in the reference is
 * named in the column's details but is not drift by Evidently's default (Jensen–Shannon < 0.1).
 */
export function driftedByDesign(shape: DriftDataShape): string[] {
  return [
    ...numericNames(shape).filter((_, i) => i % 5 === 0),
    ...categoricalNames(shape).filter((_, j) => j % 3 === 0),
  ];
}

export async function writeDriftFile(
  connection: DuckDBConnection,
  path: string,
  shape: DriftDataShape,
  current: boolean,
): Promise<void> {
  const seed = current ? 2 : 1;
  const columns = [
    ...numericNames(shape).map((name, i) => `${numericExpression(i, seed, current)} AS ${name}`),
    ...categoricalNames(shape).map(
      (name, j) => `${categoricalExpression(shape.numeric + j, j, seed, current)} AS ${name}`,
    ),
  ];
  const format = path.endsWith('.csv') ? 'csv' : 'parquet';
  await connection.run(
    `COPY (SELECT ${columns.join(', ')} FROM range(${shape.rows}) t(i)) TO '${path}' (FORMAT ${format})`,
  );
}

/** A uniform (0, 1) draw for (seed, row i, column, stream k). */
function uniform(seed: number, column: number, k: number): string {
  return `((hash(${seed} * 1000000000000 + i * 1024 + ${column * 8 + k}) % 1000000007) + 0.5) / 1000000007.0`;
}

/** A standard normal draw (Box–Muller). */
function normal(seed: number, column: number): string {
  return `(sqrt(-2 * ln(${uniform(seed, column, 0)})) * cos(2 * pi() * ${uniform(seed, column, 1)}))`;
}

function numericExpression(i: number, seed: number, current: boolean): string {
  const z = normal(seed, i);
  switch (i % 5) {
    case 0:
      return `${z} * 2 + ${10 + i}${current ? ' + 0.6' : ''}`;
    case 1:
      return `floor(${uniform(seed, i, 2)} * 4)::DOUBLE`;
    case 2:
      return `CASE WHEN ${uniform(seed, i, 3)} < 0.03 THEN NULL ELSE ${z} * 5 END`;
    case 3:
      return `floor(${uniform(seed, i, 2)} * 15)::DOUBLE`;
    default:
      return `exp(${z} * 0.5)`;
  }
}

function categoricalExpression(column: number, j: number, seed: number, current: boolean): string {
  const u = uniform(seed, column, 2);
  const shares = j % 3 === 0 && current ? [0.25, 0.25, 0.3, 0.2] : [0.4, 0.3, 0.2, 0.1];
  const labels = ['alpha', 'beta', 'gamma', 'delta'];
  let cumulative = 0;
  const cases = shares.slice(0, -1).map((share, at) => {
    cumulative += share;
    return `WHEN ${u} < ${cumulative.toFixed(4)} THEN '${labels[at]}'`;
  });
  const value = `CASE ${cases.join(' ')} ELSE '${labels[labels.length - 1]}' END`;
  const gate = uniform(seed, column, 3);
  if (j % 3 === 1) return `CASE WHEN ${gate} < 0.02 THEN NULL ELSE ${value} END`;
  if (j % 3 === 2 && current) return `CASE WHEN ${gate} < 0.01 THEN 'epsilon' ELSE ${value} END`;
  return value;
}
