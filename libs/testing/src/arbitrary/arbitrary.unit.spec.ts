import { z } from 'zod';
import { ModelNameSchema, registryCommands } from '@ledger/contracts';
import { arbitrary } from './zod-arbitrary';
import { seededRandom } from './random';

const draw = <T>(make: (random: ReturnType<typeof seededRandom>) => T, count: number, seed = 7): T[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => make(random));
};

describe('values generated from a zod schema', () => {
  it('are the same for the same seed, and differ for another', () => {
    const make = arbitrary(registryCommands.definitions()[1].schema);
    expect(draw(make, 20, 1)).toEqual(draw(make, 20, 1));
    expect(draw(make, 20, 1)).not.toEqual(draw(make, 20, 2));
  });

  // The catalog also refuses text PostgreSQL cannot store: generated input never holds any.
  it.each(registryCommands.definitions().map((d) => [d.type, d] as const))(
    'are valid %s commands for the catalog',
    (type, definition) => {
      for (const value of draw(arbitrary(definition.schema), 150)) {
        expect(() => registryCommands.upcast(type, definition.schemaVersion, value)).not.toThrow();
      }
    },
  );

  it('lean on the edges: lengths at the limit, empty lists, astral and right-to-left text', () => {
    const names = draw(arbitrary(ModelNameSchema), 400);
    expect(names.some((name) => name.length === 256)).toBe(true);
    expect(names.some((name) => name.length === 1)).toBe(true);
    expect(names.some((name) => /\p{Extended_Pictographic}/u.test(name))).toBe(true);
    expect(names.some((name) => /[\u0590-\u06ff]/.test(name))).toBe(true);
    const lists = draw(arbitrary(z.array(z.number().int().min(-1)).max(32)), 200);
    expect(lists.some((list) => list.length === 0)).toBe(true);
    expect(lists.some((list) => list.length === 32)).toBe(true);
    expect(lists.flat()).toContain(-1);
  });

  it('match the simple patterns of digests, other patterns by trying, and say which they cannot', () => {
    expect(
      draw(arbitrary(z.string().regex(/^[0-9a-f]{64}$/)), 50).every((digest) => /^[0-9a-f]{64}$/.test(digest)),
    ).toBe(true);
    expect(draw(arbitrary(z.string().regex(/^[^/\s]+$/)), 50).every((text) => /^[^/\s]+$/.test(text))).toBe(true);
    expect(() => draw(arbitrary(z.string().regex(/^\d+\.\d+$/)), 1)).toThrow(
      'no string of 0..64 characters matched /^\\d+\\.\\d+$/',
    );
  });

  it('draw again when a refinement refuses, and say so when none passes', () => {
    const fewTags = z.record(z.string(), z.string()).refine((tags) => Object.keys(tags).length <= 2);
    expect(draw(arbitrary(fewTags), 50).every((tags) => Object.keys(tags).length <= 2)).toBe(true);
    expect(() => draw(arbitrary(z.string().refine(() => false)), 1)).toThrow(/no valid value in 60 attempts/);
  });
});
