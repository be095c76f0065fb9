// Issue 8's drift measurements: our drift report (files read with DuckDB into typed columns, then
// the pure report) against Evidently's DataDriftPreset on the same files in the same run, and one
// million rows × 50 columns from Parquet with its peak RSS, measured in a child process so the
// peak is the report's alone. Runnable alone: node scripts/run-ts.js bench/validator/drift.ts
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ColumnDrift, measureDrift as driftReport, summarizeDrift } from '../../services/validator/src/data';
import { progress, round } from '../stats';
import { categoricalNames, DriftDataShape, driftedByDesign, numericNames, writeDriftFile } from './drift-data';
import { columnTypes, loadColumns } from './drift-load';
import { evidentlyPython } from './evidently/venv';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
export const DRIFT_100K: DriftDataShape = { rows: 100_000, numeric: 14, categorical: 6 };
export const DRIFT_1M: DriftDataShape = { rows: 1_000_000, numeric: 35, categorical: 15 };
/** Columns read and measured at a time on wide files, so memory stays bounded. */
const COLUMN_BATCH = 10;
const OUR_RUNS = 3;
const SMALL_ROWS = 1000;

export interface DriftBench {
  driftSeconds100k: number;
  evidentlySeconds100k: number;
  driftVsEvidently: number;
  driftMaxAbsDiffVsEvidently: number;
  drift1mSeconds: number;
  drift1mPeakRssMb: number;
}

export async function measureDrift(): Promise<DriftBench & { driftNote: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-drift-'));
  try {
    const small = await sideBySide(dir);
    const large = await oneMillion(dir);
    return { ...small, ...large, driftNote: DRIFT_NOTE };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sideBySide(dir: string) {
  const [reference, current] = [join(dir, 'reference-100k.parquet'), join(dir, 'current-100k.parquet')];
  await writeFiles(reference, current, DRIFT_100K);
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let columns: ColumnDrift[] = [];
  for (let i = 0; i < OUR_RUNS; i++) {
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    columns = await driftFromFiles(reference, current);
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    const cpu = process.cpuUsage(cpuBefore);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ours = median(seconds);
  progress(`drift 100k: ours ${ours.toFixed(3)} s (median of ${OUR_RUNS}); running Evidently`);
  const theirs = await evidently(reference, current, DRIFT_100K);
  const missed = driftedByDesign(DRIFT_100K).filter((name) => !columns.find((c) => c.column === name)?.drifted);
  if (missed.length > 0) progress(`drift 100k: columns drifted by design but not flagged: ${missed.join(', ')}`);
  const diffs = [
    ...columns.map((column) => compare(column, theirs.columns[column.column])),
    ...(await smallReference(dir)),
  ];
  return {
    driftSeconds100k: round(ours, 3),
    driftCpuSeconds100k: round(median(cpuSeconds), 3),
    evidentlySeconds100k: round(theirs.seconds, 3),
    driftVsEvidently: round(theirs.seconds / ours, 1),
    driftMaxAbsDiffVsEvidently: Math.max(...diffs),
  };
}

/** The same comparison at 1,000 rows, where Evidently's defaults are the p-value tests (KS, chi-square, z). */
async function smallReference(dir: string): Promise<number[]> {
  const shape = { ...DRIFT_100K, rows: SMALL_ROWS };
  const [reference, current] = [join(dir, 'reference-1k.parquet'), join(dir, 'current-1k.parquet')];
  await writeFiles(reference, current, shape);
  const columns = await driftFromFiles(reference, current);
  const theirs = await evidently(reference, current, shape);
  return columns.map((column) => compare(column, theirs.columns[column.column]));
}

/** |ours − theirs| for one column; a different method or a missing column is an infinite difference. */
function compare(ours: ColumnDrift, theirs: { method: string; score: number } | undefined): number {
  if (!theirs || theirs.method !== ours.method || ours.score === null) {
    progress(`drift 100k: ${ours.column}: ours ${ours.method} ${ours.score}, Evidently ${JSON.stringify(theirs)}`);
    return Infinity;
  }
  return Math.abs(ours.score - theirs.score);
}

/** Reads both files with DuckDB, COLUMN_BATCH columns at a time, and measures them. */
export async function driftFromFiles(reference: string, current: string): Promise<ColumnDrift[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const types = await columnTypes(connection, reference);
    const names = Object.keys(types);
    const columns: ColumnDrift[] = [];
    for (let at = 0; at < names.length; at += COLUMN_BATCH) {
      const batch = names.slice(at, at + COLUMN_BATCH);
      // One connection streams one result at a time: read the files one after the other.
      const ref = await loadColumns(connection, reference, types, batch);
      const cur = await loadColumns(connection, current, types, batch);
      columns.push(...driftReport(ref, cur).columns);
    }
    return columns;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function evidently(reference: string, current: string, shape: DriftDataShape) {
  const python = await evidentlyPython(ROOT, progress);
  const { stdout } = await run(
    python,
    [
      join(__dirname, 'evidently', 'run_drift.py'),
      reference,
      current,
      numericNames(shape).join(','),
      categoricalNames(shape).join(','),
    ],
    { maxBuffer: 16 * 1024 * 1024, timeout: 20 * 60_000 },
  );
  return JSON.parse(stdout) as { columns: Record<string, { method: string; score: number }>; seconds: number };
}

async function oneMillion(dir: string) {
  const [reference, current] = [join(dir, 'reference-1m.parquet'), join(dir, 'current-1m.parquet')];
  progress('drift 1m: writing 1,000,000 × 50 Parquet files');
  await writeFiles(reference, current, DRIFT_1M);
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'scripts', 'run-ts.js'), __filename, '--child', reference, current],
    { maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000 },
  );
  const child = JSON.parse(stdout) as { seconds: number; cpuSeconds: number; peakRssMb: number };
  return {
    drift1mSeconds: round(child.seconds, 2),
    drift1mCpuSeconds: round(child.cpuSeconds, 2),
    drift1mPeakRssMb: Math.round(child.peakRssMb),
  };
}

async function writeFiles(reference: string, current: string, shape: DriftDataShape): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  try {
    await writeDriftFile(connection, reference, shape, false);
    await writeDriftFile(connection, current, shape, true);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The child: one report on the two files, its wall time and the process's peak RSS. */
async function child(reference: string, current: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const columns = await driftFromFiles(reference, current);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const summary = summarizeDrift(columns);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, peakRssMb, summary })}\n`);
}

export const DRIFT_NOTE =
  `drift: seeded files generated in DuckDB (numeric columns: shifted, 0–3 values, 3% missing, integers 0–14, skewed; categorical: drifted shares, 2% missing, a category unseen in the reference), ` +
  `${DRIFT_100K.rows} rows × ${DRIFT_100K.numeric + DRIFT_100K.categorical} columns per file in Parquet; driftSeconds100k = reading both files with @duckdb/node-api into typed columns plus the report, ` +
  `median of ${OUR_RUNS} runs in one process; evidentlySeconds100k = pandas.read_parquet of both files plus Report([DataDriftPreset()]).run, timed inside Python (interpreter start and imports excluded), columns declared numerical/categorical; ` +
  `driftVsEvidently = theirs / ours; driftMaxAbsDiffVsEvidently = the largest |our score − Evidently's| over the columns of these files and of the same columns at ${SMALL_ROWS} rows (where the defaults are KS and chi-square), Infinity if a method differed. ` +
  `*CpuSeconds: user + system CPU of our process over the same span (DuckDB's reader threads included), a steadier figure than wall time on a shared machine. ` +
  `drift1m*: ${DRIFT_1M.rows} rows × ${DRIFT_1M.numeric + DRIFT_1M.categorical} columns from Parquet in a child process (files read ${COLUMN_BATCH} columns at a time), wall time of read + report and the child's peak RSS (process.resourceUsage().maxRSS).`;

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  measureDrift()
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
