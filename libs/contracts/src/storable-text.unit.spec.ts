import { z } from 'zod';
import { refuseUnstorableText, unstorableText, whyUnstorable } from './storable-text';

const NUL = 'must not contain the NUL character';
const LONE = /^must not contain a lone UTF-16 surrogate/;

describe('text PostgreSQL can store', () => {
  it.each([
    ['plain text'],
    [''],
    ['emoji 🧪 and CJK 模型'],
    ['a surrogate pair written as escapes \ud83e\uddea'],
    ['other control characters \u0001\t\n'],
  ])('accepts %j', (text) => {
    expect(whyUnstorable(text)).toBeUndefined();
  });

  it('refuses the NUL character, wherever it is', () => {
    for (const text of ['\u0000', 'te\u0000am', 'team\u0000']) expect(whyUnstorable(text)).toBe(NUL);
  });

  it.each([
    ['a high surrogate alone', 'x\ud83e'],
    ['a low surrogate alone', '\uddeay'],
    ['a pair in the wrong order', '\uddea\ud83e'],
    ['half of an emoji after a whole one', '🧪\ud83e'],
  ])('refuses %s', (_, text) => {
    expect(whyUnstorable(text)).toMatch(LONE);
  });
});

describe('finding unstorable text in a value', () => {
  it('names each string by its path, through objects and arrays', () => {
    const value = {
      name: 'ok',
      tags: { team: 'a\u0000' },
      signature: { inputs: [{ name: 'b' }, { name: '\ud800' }] },
      n: 1,
      none: null,
    };

    expect(unstorableText(value)).toEqual([
      { path: ['tags', 'team'], message: NUL },
      { path: ['signature', 'inputs', 1, 'name'], message: expect.stringMatching(LONE) },
    ]);
  });

  it('reports a bad key at its object, escaped, so no message carries the bad character', () => {
    const [issue] = unstorableText({ tags: { 'te\u0000am': 'x' } });

    expect(issue).toEqual({ path: ['tags'], message: `key "te\\u0000am" ${NUL}` });
    expect(whyUnstorable(issue.message)).toBeUndefined();
  });

  it('clips a long bad key in its message', () => {
    const [issue] = unstorableText({ ['k'.repeat(300) + '\u0000']: 1 });

    expect(issue.message).toBe(`key "${'k'.repeat(39)}…" ${NUL}`);
  });

  it('is a zod refinement too', () => {
    const schema = z.object({ id: z.string() }).superRefine(refuseUnstorableText);

    expect(schema.safeParse({ id: 'a\u0000' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['id'], message: NUL }),
    ]);
    expect(schema.safeParse({ id: 'a' }).success).toBe(true);
  });
});
