import { ValidationError } from '@ledger/contracts';
import { compileAfterRow } from './keyset';
import { Params } from './compile-sql';
import { decodePageToken, encodePageToken } from './page-token';
import { compileModelVersionSearch, pageOf } from './searching';

const VERSIONS = {
  name: 'v.name',
  runId: 'v.run_id',
  source: 'v.source',
  version: 'v.version',
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at',
  tagsJsonb: 'v.tags',
};

describe('page tokens', () => {
  it('round-trip the last row’s keys for the same query', () => {
    const token = encodePageToken('fp', ['2024-05-01 10:00:00.123456+00', 'churn', '7']);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, 'fp', 3)).toEqual(['2024-05-01 10:00:00.123456+00', 'churn', '7']);
  });

  it('rejects a token issued for another filter or order (INVALID_PARAMETER_VALUE)', () => {
    const token = encodePageToken('fp', ['a']);
    const expected = new ValidationError(
      'Invalid page token: it belongs to a search with a different filter or order_by',
    );
    expect(() => decodePageToken(token, 'other', 1)).toThrow(expected);
    expect(() => decodePageToken(token, 'fp', 2)).toThrow(expected);
  });

  it('rejects edited, truncated and foreign tokens', () => {
    const token = encodePageToken('fp', ['a', '1']);
    const body = JSON.parse(Buffer.from(token, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...body, k: ['a', '2'] })).toString('base64url');
    const future = Buffer.from(JSON.stringify({ ...body, v: 2 })).toString('base64url');
    expect(() => decodePageToken(edited, 'fp', 2)).toThrow(
      new ValidationError('Invalid page token: it has been altered'),
    );
    expect(() => decodePageToken(future, 'fp', 2)).toThrow(
      new ValidationError('Invalid page token: unsupported version 2'),
    );
    for (const garbage of [
      token.slice(0, -3),
      'not a token!',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"offset": 10}').toString('base64'),
    ]) {
      expect(() => decodePageToken(garbage, 'fp', 2)).toThrow(
        expect.objectContaining({ errorCode: 'INVALID_PARAMETER_VALUE' }),
      );
    }
  });

  it('ties a token to the normalised query: same filter differently spelled still pages on', () => {
    const first = compileModelVersionSearch({ filter: "name = 'a'", maxResults: 1 }, VERSIONS);
    const page = pageOf(first, [
      { __k0: 't1', __k1: 'a', __k2: '2' },
      { __k0: 't0', __k1: 'a', __k2: '1' },
    ]);
    expect(page.rows).toHaveLength(1);
    const respelled = compileModelVersionSearch(
      { filter: 'name="a"', pageToken: page.nextPageToken, maxResults: 1 },
      VERSIONS,
    );
    expect(respelled.where).toBe(
      'v.name = $1 AND v.updated_at <= $2 AND (v.updated_at < $2 OR (v.updated_at = $2 AND (v.name > $3 OR (v.name = $3 AND v.version < $4))))',
    );
    expect(respelled.params).toEqual(['a', 't1', 'a', '2']);
    expect(() => compileModelVersionSearch({ filter: "name = 'b'", pageToken: page.nextPageToken }, VERSIONS)).toThrow(
      ValidationError,
    );
    expect(() =>
      compileModelVersionSearch({ filter: "name = 'a'", orderBy: ['name'], pageToken: page.nextPageToken }, VERSIONS),
    ).toThrow(ValidationError);
  });

  it('gives no token on the last page', () => {
    const search = compileModelVersionSearch({ maxResults: 2 }, VERSIONS);
    expect(pageOf(search, [{ __k0: 'x', __k1: 'a', __k2: '1' }]).nextPageToken).toBeUndefined();
    expect(pageOf(search, [{}, {}]).nextPageToken).toBeUndefined();
  });
});

describe('keyset "after this row" conditions', () => {
  const col = { name: 'n', version: 'v', createdAt: 'c' } as const;

  it('uses one row comparison when every key sorts the same way', () => {
    const params = new Params(3);
    const asc = [
      { column: 'name', descending: false },
      { column: 'version', descending: false },
    ] as const;
    expect(compileAfterRow(asc, ['a', '1'], col, params)).toBe('(n, v) > ($3, $4)');
    const desc = asc.map((k) => ({ ...k, descending: true }));
    expect(compileAfterRow(desc, ['a', '1'], col, new Params(1))).toBe('(n, v) < ($1, $2)');
    expect(params.values).toEqual(['a', '1']);
  });

  it('expands mixed directions key by key, each value bound once', () => {
    const keys = [
      { column: 'createdAt', descending: true },
      { column: 'name', descending: false },
      { column: 'version', descending: true },
    ] as const;
    const params = new Params(1);
    expect(compileAfterRow(keys, ['t', 'a', '3'], col, params)).toBe(
      'c <= $1 AND (c < $1 OR (c = $1 AND (n > $2 OR (n = $2 AND v < $3))))',
    );
    expect(params.values).toEqual(['t', 'a', '3']);
  });

  it('adds the keyset condition after the filter, in the page query', () => {
    const first = compileModelVersionSearch(
      { filter: 'version_number > 1', orderBy: ['name DESC', 'version_number ASC'], maxResults: 1 },
      VERSIONS,
    );
    const { nextPageToken } = pageOf(first, [
      { __k0: 'm', __k1: '5' },
      { __k0: 'm', __k1: '6' },
    ]);
    const next = compileModelVersionSearch(
      { filter: 'version_number > 1', orderBy: ['name DESC', 'version_number ASC'], pageToken: nextPageToken },
      VERSIONS,
      { firstParam: 2 },
    );
    expect(next.where).toBe('v.version > $2 AND v.name <= $3 AND (v.name < $3 OR (v.name = $3 AND v.version > $4))');
    expect(next.params).toEqual([1, 'm', '5']);
    expect(next.orderBy).toBe('v.name DESC, v.version ASC');
    expect(next.keySelect).toBe('(v.name)::text AS "__k0", (v.version)::text AS "__k1"');
  });
});
