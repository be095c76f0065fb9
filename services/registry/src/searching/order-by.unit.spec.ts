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

const versionOrder = (orderBy?: string[]) => compileModelVersionSearch({ orderBy }, VERSIONS).orderBy;
const modelOrder = (orderBy?: string[]) => compileRegisteredModelSearch({ orderBy }, MODELS).orderBy;

describe('order_by: MLflow keys, defaults and tie-breaks', () => {
  it.each<[string[] | undefined, string]>([
    [undefined, 'v.updated_at DESC, v.name ASC, v.version DESC'],
    [[], 'v.updated_at DESC, v.name ASC, v.version DESC'],
    [['name'], 'v.name ASC, v.version DESC'],
    [['name DESC'], 'v.name DESC, v.version DESC'],
    [['version_number ASC'], 'v.version ASC, v.name ASC'],
    [['creation_timestamp desc'], 'v.created_at DESC, v.name ASC, v.version DESC'],
    [['timestamp'], 'v.created_at ASC, v.name ASC, v.version DESC'],
    [['last_updated_timestamp ASC', 'version_number'], 'v.updated_at ASC, v.version ASC, v.name ASC'],
    [['`name`   DESC'], 'v.name DESC, v.version DESC'],
    [['attribute.name'], 'v.name ASC, v.version DESC'],
    [['"version_number" DESC', 'name DESC'], 'v.version DESC, v.name DESC'],
  ])('versions %j → %s', (orderBy, sql) => {
    expect(versionOrder(orderBy)).toBe(sql);
  });

  it.each<[string[] | undefined, string]>([
    [undefined, 'm.name ASC'],
    [['name DESC'], 'm.name DESC'],
    [['timestamp DESC'], 'm.updated_at DESC, m.name ASC'],
    [['last_updated_timestamp'], 'm.updated_at ASC, m.name ASC'],
    [['creation_timestamp DESC'], 'm.created_at DESC, m.name ASC'],
  ])('registered models %j → %s', (orderBy, sql) => {
    expect(modelOrder(orderBy)).toBe(sql);
  });

  it('ends with the caller’s unique id, when mapped, so the order is total', () => {
    expect(compileRegisteredModelSearch({}, { ...MODELS, id: 'm.model_id' }).orderBy).toBe(
      'm.name ASC, m.model_id ASC',
    );
  });

  const VERSION_KEYS = "'{'name', 'version_number', 'creation_timestamp', 'timestamp', 'last_updated_timestamp'}'";
  it.each<[string[], string]>([
    [['foo'], `Invalid order by key 'foo' specified. Valid keys are ${VERSION_KEYS}`],
    [['tags.k'], `Invalid order by key 'tags.k' specified. Valid keys are ${VERSION_KEYS}`],
    [['metric.acc'], "Invalid entity type 'metric'. Valid entity types are ('attribute', 'tag', 'tags')"],
    [['name sideways'], "Invalid ordering key in order_by clause 'name sideways'."],
    [['name ASC extra'], "Invalid order_by clause 'name ASC extra'. Could not be parsed."],
    [[''], "Invalid order_by clause ''. Could not be parsed."],
    [['`name DESC'], "Invalid order_by clause '`name DESC'. Could not be parsed."],
    [['name', 'name DESC'], "`order_by` contains duplicate fields: ['name', 'name DESC']"],
  ])('versions %j is rejected', (orderBy, message) => {
    expect(() => versionOrder(orderBy)).toThrow(new ValidationError(message));
  });

  it('rejects timestamp with last_updated_timestamp for models: both are the last-updated time in MLflow', () => {
    expect(() => modelOrder(['timestamp', 'last_updated_timestamp'])).toThrow(
      new ValidationError("`order_by` contains duplicate fields: ['timestamp', 'last_updated_timestamp']"),
    );
    expect(() => modelOrder(['version_number'])).toThrow(
      new ValidationError(
        "Invalid order by key 'version_number' specified. Valid keys are '{'name', 'timestamp', 'last_updated_timestamp', 'creation_timestamp'}'",
      ),
    );
  });
});

describe('max_results', () => {
  it('defaults to 100 for models and 10000 for versions; accepts query-string text', () => {
    expect(compileRegisteredModelSearch({}, MODELS)).toMatchObject({ maxResults: 100, limit: 101 });
    expect(compileModelVersionSearch({}, VERSIONS)).toMatchObject({ maxResults: 10_000, limit: 10_001 });
    expect(compileModelVersionSearch({ maxResults: '200000' }, VERSIONS).maxResults).toBe(200_000);
  });

  it.each<[number | string, string]>([
    [1001, 'Invalid value for request parameter max_results. It must be at most 1000, but got value 1001'],
    [0, 'Invalid value for max_results. It must be a positive integer, but got 0'],
    [2.5, 'Invalid value for max_results. It must be a positive integer, but got 2.5'],
    ['ten', 'Invalid value for max_results. It must be a positive integer, but got ten'],
  ])('models reject %j', (maxResults, message) => {
    expect(() => compileRegisteredModelSearch({ maxResults }, MODELS)).toThrow(new ValidationError(message));
  });

  it('caps versions at 200000', () => {
    expect(() => compileModelVersionSearch({ maxResults: 200_001 }, VERSIONS)).toThrow(
      new ValidationError(
        'Invalid value for request parameter max_results. It must be at most 200000, but got value 200001',
      ),
    );
  });
});
