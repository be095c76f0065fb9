import { DataSource } from 'typeorm';
import { openDatabase } from '@ledger/eventstore';
import { freshDatabaseUrl } from '@ledger/testing';
import { compileModelVersionSearch, pageOf, SearchRequest } from './searching';

interface Row {
  name: string;
  version: number;
  source: string;
  runId: string;
  tags: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = {
  name: 'v.name',
  runId: 'v.run_id',
  source: 'v.source',
  version: 'v.version',
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at',
  tagsJsonb: 'v.tags',
};
const NAMES = ['churn', 'fraud', 'churn-eu'];

/** Microsecond timestamps: a cursor that went through a JS Date (ms) would repeat rows. */
const ts = (seconds: number, micros: number) =>
  `2024-01-01T00:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}.${String(micros).padStart(6, '0')}Z`;

function version(name: string, n: number, created: string, updated: string): Row {
  const tags: Record<string, string> = n % 4 === 0 ? {} : { stage: n % 2 === 0 ? 'prod' : 'dev' };
  return {
    name,
    version: n,
    source: `s3://bucket/${name}/${n}`,
    runId: `run-${name}-${n}`,
    tags,
    createdAt: created,
    updatedAt: updated,
  };
}

// 60 versions; updated_at repeats in groups of four so the tie-breaks decide the order.
const SEED: Row[] = Array.from({ length: 60 }, (_, i) =>
  version(NAMES[i % 3], Math.floor(i / 3) + 1, ts(i, (i * 7919) % 1_000_000), ts(Math.floor(i / 4) * 2, 123456)),
);

describe('searching model versions on PostgreSQL', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('searching'), poolSize: 4 });
    await createTable('filtered', SEED);
  });
  afterAll(() => db?.destroy());

  async function createTable(table: string, rows: readonly Row[]): Promise<void> {
    await db.query(`CREATE TABLE ${table} (
      name text NOT NULL, version int NOT NULL, source text NOT NULL, run_id text NOT NULL,
      tags jsonb NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      PRIMARY KEY (name, version))`);
    for (const row of rows) await insert(table, row);
  }

  const insert = (table: string, r: Row) =>
    db.query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, [
      r.name,
      r.version,
      r.source,
      r.runId,
      JSON.stringify(r.tags),
      r.createdAt,
      r.updatedAt,
    ]);

  async function search(table: string, request: SearchRequest) {
    const s = compileModelVersionSearch(request, COLUMNS);
    const sql = `SELECT v.name, v.version, ${s.keySelect} FROM ${table} v WHERE ${s.where} ORDER BY ${s.orderBy} LIMIT ${s.limit}`;
    const page = pageOf(s, await db.query(sql, s.params));
    return { ids: page.rows.map((r) => `${r.name}/${r.version}`), nextPageToken: page.nextPageToken };
  }

  const idsOf = (rows: readonly Row[]) => rows.map((r) => `${r.name}/${r.version}`).sort();

  it.each<[string, (r: Row) => boolean]>([
    ["name = 'churn'", (r) => r.name === 'churn'],
    ["name LIKE 'churn%'", (r) => r.name.startsWith('churn')],
    ["name ILIKE 'CHURN-__'", (r) => r.name === 'churn-eu'],
    ["name != 'fraud' AND version_number >= 18", (r) => r.name !== 'fraud' && r.version >= 18],
    ["run_id IN ('run-churn-1', 'run-fraud-2', 'run-nope-1')", (r) => ['run-churn-1', 'run-fraud-2'].includes(r.runId)],
    ["source_path LIKE 's3://bucket/fraud/1_'", (r) => /^s3:\/\/bucket\/fraud\/1.$/.test(r.source)],
    ["tags.stage = 'prod'", (r) => r.tags.stage === 'prod'],
    // A version without the tag matches neither = nor !=, as in MLflow.
    [
      "tags.`stage` != 'prod' AND version_number < 10",
      (r) => r.tags.stage !== undefined && r.tags.stage !== 'prod' && r.version < 10,
    ],
    ['tags.stage LIKE \'p%\' AND name = "churn-eu"', (r) => r.tags.stage === 'prod' && r.name === 'churn-eu'],
  ])('filter %s returns exactly the matching versions', async (filter, matches) => {
    const { ids } = await search('filtered', { filter });
    expect([...ids].sort()).toEqual(idsOf(SEED.filter(matches)));
  });

  it.each<[string, string[] | undefined]>([
    ['the default order (last_updated DESC, name ASC, version DESC)', undefined],
    ['creation_timestamp ASC, name DESC', ['creation_timestamp ASC', 'name DESC']],
  ])('pages by %s visit every row once, in order, while versions are inserted between pages', async (_, orderBy) => {
    const table = `paged_${orderBy ? 'custom' : 'default'}`;
    await createTable(table, SEED);
    const request = { filter: 'version_number > 2', orderBy, maxResults: 7 };
    const visited: string[] = [];
    const inserted: { id: string; cursor: string }[] = [];
    let pageToken: string | undefined;
    do {
      const page = await search(table, { ...request, pageToken });
      visited.push(...page.ids);
      pageToken = page.nextPageToken;
      for (const row of lateVersions(inserted.length, 2)) {
        await insert(table, row);
        inserted.push({ id: `${row.name}/${row.version}`, cursor: visited[visited.length - 1] });
      }
    } while (pageToken);

    // The final order of everything decides which inserts were behind or ahead of the cursor.
    const all = (await search(table, { ...request, maxResults: 1000 })).ids;
    const position = new Map(all.map((id, i) => [id, i]));
    const ahead = new Set(inserted.filter((x) => position.get(x.id)! > position.get(x.cursor)!).map((x) => x.id));
    const originals = SEED.filter((r) => r.version > 2).map((r) => `${r.name}/${r.version}`);
    expect(new Set(visited).size).toBe(visited.length);
    expect(visited).toEqual(all.filter((id) => originals.includes(id) || ahead.has(id)));
    expect(ahead.size).toBeGreaterThan(0);
    expect(inserted.length - ahead.size).toBeGreaterThan(0);
  });
});

/** New versions whose timestamps fall among, and tie with, the existing ones. */
function lateVersions(already: number, count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const k = already + i;
    return version(NAMES[k % 3], 100 + k, ts((k * 17) % 60, 500_000 + k), ts(((k * 11) % 15) * 2, 123456));
  });
}
