import { chunkBySize, messageBytes } from './size-chunks';

describe('splitting a publish by size', () => {
  const identity = (n: number) => n;

  it('keeps order and puts as many items in a run as fit the budget', () => {
    expect(chunkBySize([4, 4, 4, 4, 4], identity, 10)).toEqual([[4, 4], [4, 4], [4]]);
    expect(chunkBySize([1, 2, 3], identity, 100)).toEqual([[1, 2, 3]]);
  });

  it('sends an item larger than the budget alone, between its neighbours', () => {
    expect(chunkBySize([3, 50, 3, 3], identity, 10)).toEqual([[3], [50], [3, 3]]);
  });

  it('makes no run of nothing', () => {
    expect(chunkBySize([], identity, 10)).toEqual([]);
  });

  it('counts key, value and headers in bytes, not characters', () => {
    const small = messageBytes({ topic: 't', key: 'k', value: 'v', headers: {} });
    expect(messageBytes({ topic: 't', key: 'k', value: 'é', headers: {} })).toBe(small + 1);
    expect(messageBytes({ topic: 't', key: 'k', value: 'v', headers: { id: 'abc' } })).toBe(small + 5);
  });
});
