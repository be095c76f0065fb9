import { ValidationError } from '@ledger/contracts';
import { compileModelVersionSearch, compileRegisteredModelSearch } from './searching';

const VERSIONS = {
  name: 'v.name',
  runId: 'v.run_id',
  source: 'v.source',
  version: 'v.version',
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at',
  tagsJsonb: 'v.tags',
};
const MODELS = { name: 'm.name', createdAt: 'm.created_at', updatedAt: 'm.updated_at', tagsJsonb: 'm.tags' };

const versions = (filter: string) => compileModelVersionSearch({ filter }, VERSIONS);
const models = (filter: string) => compileRegisteredModelSearch({ filter }, MODELS);

describe('MLflow filter strings compile to parameterised SQL', () => {
  it.each<[string, string, unknown[]]>([
    ['', 'TRUE', []],
    ["name = 'churn'", 'v.name = $1', ['churn']],
    ['name = "churn"', 'v.name = $1', ['churn']],
    ["name != 'churn'", 'v.name <> $1', ['churn']],
    ["name LIKE 'ch%'", 'v.name LIKE $1', ['ch%']],
    ["name ilike '%URN_'", 'v.name ILIKE $1', ['%URN_']],
    ["attribute.name = 'a'", 'v.name = $1', ['a']],
    ["run_id = 'r1'", 'v.run_id = $1', ['r1']],
    ["run_id IN ('r1', 'r2')", 'v.run_id = ANY($1::text[])', [['r1', 'r2']]],
    ["run_id in ('r1')", 'v.run_id = ANY($1::text[])', [['r1']]],
    ["run_id NOT IN ('r1', 'r2')", 'v.run_id <> ALL($1::text[])', [['r1', 'r2']]],
    ["name IN ('churn', 'fraud')", 'v.name = ANY($1::text[])', [['churn', 'fraud']]],
    ["name not in ('churn')", 'v.name <> ALL($1::text[])', [['churn']]],
    ["run_id LIKE 'r%'", 'v.run_id LIKE $1', ['r%']],
    ["source_path = 's3://b/m'", 'v.source = $1', ['s3://b/m']],
    ["source_path ILIKE 'S3://%'", 'v.source ILIKE $1', ['S3://%']],
    ['version_number = 3', 'v.version = $1', [3]],
    ['version_number >= -1', 'v.version >= $1', [-1]],
    ['version_number<10', 'v.version < $1', [10]],
    ["version_number > '2'", 'v.version > $1', [2]],
    ['version_number != 4 AND version_number <= 9', 'v.version <> $1 AND v.version <= $2', [4, 9]],
    ["tags.team = 'ml'", '(v.tags ->> $1) = $2', ['team', 'ml']],
    ["tag.`my key` != 'x'", '(v.tags ->> $1) <> $2', ['my key', 'x']],
    ['tags."a.b" LIKE \'v%\'', '(v.tags ->> $1) LIKE $2', ['a.b', 'v%']],
    ["tags.a.b ILIKE 'V'", '(v.tags ->> $1) ILIKE $2', ['a.b', 'V']],
    ["name = 'it''s' and run_id = 'r'", 'v.name = $1 AND v.run_id = $2', ["it's", 'r']],
    ["name = 'a AND b' AND tags.k = 'OR'", 'v.name = $1 AND (v.tags ->> $2) = $3', ['a AND b', 'k', 'OR']],
    ["name='x'AND version_number=1", 'v.name = $1 AND v.version = $2', ['x', 1]],
  ])('versions: %s', (filter, where, params) => {
    const search = versions(filter);
    expect(search.where).toBe(where);
    expect(search.params).toEqual(params);
  });

  it.each<[string, string, unknown[]]>([
    ["name = 'churn'", 'm.name = $1', ['churn']],
    ["name IN ('churn', 'fraud')", 'm.name = ANY($1::text[])', [['churn', 'fraud']]],
    ["name NOT IN ('churn')", 'm.name <> ALL($1::text[])', [['churn']]],
    [
      "name LIKE '%fraud%' AND tags.`owner` = 'ana'",
      'm.name LIKE $1 AND (m.tags ->> $2) = $3',
      ['%fraud%', 'owner', 'ana'],
    ],
  ])('registered models: %s', (filter, where, params) => {
    const search = models(filter);
    expect(search.where).toBe(where);
    expect(search.params).toEqual(params);
  });

  it('numbers placeholders from the index the caller gives', () => {
    const search = compileModelVersionSearch({ filter: "name = 'a' AND tags.k = 'v'" }, VERSIONS, { firstParam: 4 });
    expect(search.where).toBe('v.name = $4 AND (v.tags ->> $5) = $6');
  });
});

describe('invalid filters are INVALID_PARAMETER_VALUE with MLflow-like messages', () => {
  const VERSION_KEYS = "'{'name', 'run_id', 'source_path', 'version_number'}'";
  it.each<[string, string]>([
    ["foo = 'x'", `Invalid attribute key 'foo' specified. Valid keys are ${VERSION_KEYS}`],
    ['metric.acc > 1', "Invalid entity type 'metric'. Valid entity types are ('attribute', 'tag', 'tags')"],
    [
      "name = 'a' OR name = 'b'",
      'Invalid clause(s) in filter string: OR. Only AND is supported to combine comparisons.',
    ],
    ["name = 'a' AND", 'Invalid clause(s) in filter string: AND'],
    ["AND name = 'a'", 'Invalid clause(s) in filter string: AND'],
    ["name 'a'", "Invalid clause(s) in filter string: name 'a'"],
    ["name = 'a' 'b'", "Invalid clause(s) in filter string: name = 'a' 'b'"],
    ["'name' = 'a'", "Invalid clause(s) in filter string: 'name' = 'a'"],
    ["NOT name = 'a'", "Invalid clause(s) in filter string: NOT name = 'a'"],
    ["name = 'abc", "Invalid filter 'name = 'abc'. Could not be parsed: unterminated ' quote starting at position 7"],
    [
      'tags.`abc = 1',
      "Invalid filter 'tags.`abc = 1'. Could not be parsed: unterminated ` quote starting at position 5",
    ],
    ["name = 'a' # x", "Invalid filter 'name = 'a' # x'. Could not be parsed: unexpected character '#' at position 11"],
    [
      "name = 'a'; name = 'b'",
      "Search filter contained multiple expression 'name = 'a'; name = 'b''. Provide AND-ed expression list.",
    ],
    [
      'name = churn',
      'Parameter value is either not quoted or unidentified quote types used for string value churn. Use either single or double quotes.',
    ],
    [
      'name = `churn`',
      'Parameter value is either not quoted or unidentified quote types used for string value `churn`. Use either single or double quotes.',
    ],
    ['name = 3', "Only the '{'version_number'}' attributes support comparison with numeric values."],
    [
      "name > 'a'",
      "Invalid comparator '>' for attribute 'name' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}'",
    ],
    [
      "source_path IN ('a')",
      "Only ['name', 'run_id'] attributes support comparison with a list of quoted string values.",
    ],
    ["run_id LIKE ('a')", "Invalid comparator 'LIKE' for a list of values of attribute 'run_id'. Use IN."],
    ["run_id = ('a')", "Invalid comparator '=' for a list of values of attribute 'run_id'. Use IN."],
    ["run_id IN 'a'", "Invalid clause(s) in filter string: run_id IN 'a'"],
    [
      'run_id IN ()',
      'While parsing a list in the query, expected a non-empty list of string values, but got empty list',
    ],
    [
      "run_id IN ('a',)",
      'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
    ],
    [
      "run_id IN ('a' 'b')",
      'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
    ],
    [
      'run_id IN ("a")',
      'While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ("a")',
    ],
    [
      "version_number LIKE '1%'",
      "Invalid comparator 'LIKE' for attribute 'version_number' not one of '{'=', '!=', '<', '<=', '>', '>='}'",
    ],
    ['version_number = 1.5', "Expected an integer value for attribute 'version_number'. Got value 1.5"],
    ["version_number = 'one'", "Expected an integer value for attribute 'version_number'. Got value 'one'"],
    ['version_number = 99999999999', "Expected an integer value for attribute 'version_number'. Got value 99999999999"],
    [
      'version_number <> 1',
      "Invalid comparator '<>' for attribute 'version_number' not one of '{'=', '!=', '<', '<=', '>', '>='}'",
    ],
    ["tags.k > 'a'", "Invalid comparator '>' for tag 'k' not one of '{'=', '!=', 'LIKE', 'ILIKE'}'"],
    ['tags.k = 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    ["tags.k IN ('a')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')"],
  ])('versions: %s', (filter, message) => {
    expect(() => versions(filter)).toThrow(new ValidationError(message));
    expect(() => versions(filter)).toThrow(expect.objectContaining({ errorCode: 'INVALID_PARAMETER_VALUE' }));
  });

  it.each<[string, string]>([
    ["run_id = 'r'", "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'"],
    ['version_number = 1', "Invalid attribute key 'version_number' specified. Valid keys are '{'name'}'"],
    ['name = 1', 'Expected a quoted string value or a list of quoted string values for attributes. Got value 1'],
    [
      "name > 'a'",
      "Invalid comparator '>' for attribute 'name' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}'",
    ],
  ])('registered models: %s', (filter, message) => {
    expect(() => models(filter)).toThrow(new ValidationError(message));
  });
});
