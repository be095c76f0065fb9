import { checkQuality } from './data-quality.domain';

const data = {
  age: Float64Array.from([23, 41, NaN, 67]),
  score: Float64Array.from([0.5, 1, 2, 3]),
  churned: Float64Array.from([0, 1, 1, NaN]),
  plan: ['basic', 'pro', null, 'basic'],
  debug: ['x', 'y', 'z', 'w'],
};

describe('schema match against the declared signature', () => {
  it('matches names and types, missing values allowed', () => {
    const { schema } = checkQuality(
      { age: data.age, score: data.score, churned: data.churned, plan: data.plan },
      {
        signature: [
          { name: 'age', type: 'long' },
          { name: 'score', type: 'double' },
          { name: 'churned', type: 'boolean' },
          { name: 'plan', type: 'string' },
        ],
      },
    );
    expect(schema).toEqual({ missingColumns: [], extraColumns: [], wrongTypes: [], passed: true });
  });

  it('names missing required columns, extra columns and wrong types', () => {
    const { schema, passed } = checkQuality(data, {
      signature: [
        { name: 'age', type: 'double' },
        { name: 'score', type: 'integer' },
        { name: 'churned', type: 'string' },
        { name: 'plan', type: 'float' },
        { name: 'tenure', type: 'long' },
        { name: 'region', type: 'string', required: false },
      ],
    });
    expect(schema).toEqual({
      missingColumns: ['tenure'],
      extraColumns: ['debug'],
      wrongTypes: [
        { column: 'score', expected: 'integer', actual: 'double' },
        { column: 'churned', expected: 'string', actual: 'double' },
        { column: 'plan', expected: 'float', actual: 'string' },
      ],
      passed: false,
    });
    expect(passed).toBe(false);
  });

  it('a boolean column holds only 0 and 1', () => {
    const { schema } = checkQuality(
      { flag: Float64Array.from([0, 1, 2]) },
      { signature: [{ name: 'flag', type: 'boolean' }] },
    );
    expect(schema?.wrongTypes).toEqual([{ column: 'flag', expected: 'boolean', actual: 'double' }]);
  });
});
