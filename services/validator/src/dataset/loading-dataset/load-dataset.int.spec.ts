import { DATASETS_PREFIX } from '../datasets.context';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentPath, sha256Of } from '@ledger/blobs';
import { NotFoundError, ValidationError } from '@ledger/contracts';
import { DatasetsUnderTest, startDatasets, upload } from '../datasets.harness';
import { DatasetsContext } from '../datasets.context';
import { withDuckDB } from './dataset-file';
import { DatasetCorruptedError, loadDataset } from './load-dataset';

// Strings of up to 12 bytes sit inline in DuckDB's vectors, longer ones behind a pointer: both are read.
const CSV = 'tenure,plan,charges,churned\n1,basic,9.5,true\n24,,19.99,false\n60,enterprise-annual-plus-ü,,\n';

describe('loading a dataset version through DuckDB', () => {
  let h: DatasetsUnderTest;
  let context: DatasetsContext;
  beforeAll(async () => {
    h = await startDatasets('validator_load_dataset');
    context = h.validator.context.datasets;
    expect((await upload(h.url, '/api/v1/datasets/holdout/versions', CSV, 'text/csv')).status).toBe(201);
  });
  afterAll(() => h?.close());

  it('answers numbers as Float64Array with NaN where missing, and other columns as strings with null', async () => {
    const loaded = await loadDataset(context, { name: 'holdout', version: 1 });
    expect(loaded.rowCount).toBe(3);
    expect(loaded.source).toEqual({ name: 'holdout', version: 1, sha256: sha256Of(CSV), format: 'csv' });
    expect([...loaded.columns.keys()]).toEqual(['tenure', 'plan', 'charges', 'churned']);
    expect(loaded.columns.get('tenure')).toEqual(new Float64Array([1, 24, 60]));
    const charges = loaded.columns.get('charges') as Float64Array;
    expect(charges).toBeInstanceOf(Float64Array);
    expect([charges[0], charges[1], Number.isNaN(charges[2])]).toEqual([9.5, 19.99, true]);
    expect(loaded.columns.get('plan')).toEqual(['basic', null, 'enterprise-annual-plus-ü']);
    expect(loaded.columns.get('churned')).toEqual(['true', 'false', null]);
  });

  it('finds a version by its sha256, and reads only the columns asked for, in that order, up to the limit', async () => {
    const loaded = await loadDataset(context, sha256Of(CSV), { columns: ['plan', 'tenure'], limit: 2 });
    expect(loaded.rowCount).toBe(2);
    expect([...loaded.columns.entries()]).toEqual([
      ['plan', ['basic', null]],
      ['tenure', new Float64Array([1, 24])],
    ]);
    expect((await loadDataset(context, { sha256: sha256Of(CSV) }, { limit: 0 })).rowCount).toBe(0);
  });

  it('refuses an unknown version, digest or column', async () => {
    await expect(loadDataset(context, { name: 'holdout', version: 2 })).rejects.toThrow(NotFoundError);
    await expect(loadDataset(context, sha256Of('nothing'))).rejects.toThrow(NotFoundError);
    await expect(loadDataset(context, { name: 'holdout', version: 1 }, { columns: ['tenure', 'age'] })).rejects.toThrow(
      new ValidationError('columns: dataset "holdout" v1 has no column "age"'),
    );
  });

  it('refuses to read stored bytes that no longer hash to the recorded sha256', async () => {
    const text = 'a,b\n1,2\n';
    expect((await upload(h.url, '/api/v1/datasets/tampered/versions', text, 'text/csv')).status).toBe(201);
    const path = join(h.dir, DATASETS_PREFIX, contentPath(sha256Of(text)));
    await chmod(path, 0o644);
    await writeFile(path, 'a,b\n1,3\n');
    await expect(loadDataset(context, { name: 'tampered', version: 1 })).rejects.toThrow(DatasetCorruptedError);
    await rm(path);
    await expect(loadDataset(context, { name: 'tampered', version: 1 })).rejects.toThrow(/is missing from the store/);
  });

  it('loads 1,000,000 rows × 50 columns of Parquet column by column, nulls included', async () => {
    const numeric = Array.from(
      { length: 40 },
      (_, i) => `CASE WHEN range % 97 = ${i} THEN NULL ELSE (range * ${i + 1}) % 1000 / 10 END AS n${i}`,
    );
    const text = Array.from(
      { length: 10 },
      (_, i) => `CASE WHEN range % 89 = ${i} THEN NULL ELSE 'c' || (range % ${i + 3}) END AS s${i}`,
    );
    const path = join(h.dir, 'large.parquet');
    await withDuckDB((c) =>
      c.run(`COPY (SELECT ${[...numeric, ...text].join(', ')} FROM range(1000000)) TO '${path}' (FORMAT parquet)`),
    );
    const parquet = await readFile(path);
    const uploaded = await upload(h.url, '/api/v1/datasets/large/versions', parquet, 'application/vnd.apache.parquet');
    expect(uploaded.body).toMatchObject({ rowCount: 1_000_000 });
    expect(uploaded.body.columns).toHaveLength(50);

    const started = process.hrtime.bigint();
    const loaded = await loadDataset(context, { name: 'large', version: 1 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`loadDataset 1,000,000 × 50 Parquet: ${seconds.toFixed(2)} s`);

    expect(loaded.rowCount).toBe(1_000_000);
    const n7 = loaded.columns.get('n7') as Float64Array;
    const s2 = loaded.columns.get('s2') as (string | null)[];
    expect([n7.length, s2.length]).toEqual([1_000_000, 1_000_000]);
    // Against DuckDB's own aggregates over the same file: every value landed in its place.
    const [expected] = await withDuckDB(async (c) =>
      (
        await c.runAndReadAll(
          `SELECT sum(n7)::DOUBLE, count(*) - count(n7), count(*) - count(s2), min(s2) FROM '${path}'`,
        )
      ).getRows(),
    );
    let sum = 0;
    let nans = 0;
    for (const value of n7) {
      if (Number.isNaN(value)) nans++;
      else sum += value;
    }
    expect(sum).toBeCloseTo(Number(expected[0]), 3);
    expect([nans, s2.filter((v) => v === null).length, s2[3]]).toEqual([
      Number(expected[1]),
      Number(expected[2]),
      'c3',
    ]);
    expect(Number.isNaN(n7[7])).toBe(true);
  }, 120_000);
});
