import { z } from 'zod';
import { DEFAULT_VALUE_OPTIONS, JsonSchema, ValueOptions, valueFor } from './json-schema-value';
import { Random } from './random';

/** Makes random values a zod schema accepts, e.g. the payloads of a message catalog's commands. */
export type Arbitrary<T> = (random: Random) => T;

const ATTEMPTS = 60;
// Per value: mostly typical, sometimes edgy, sometimes at the limits almost everywhere.
const EDGE_BIASES = [0.1, 0.4, 0.9];

/**
 * Values for a zod schema: generated from its JSON Schema (z.toJSONSchema, the same document
 * producers in other languages get), then checked by the zod schema itself, since refinements
 * (e.g. "at most 100 tags", "names must be unique") have no JSON Schema form. A value refused
 * by a refinement is drawn again, with smaller lists and records every ten attempts.
 */
export function arbitrary<S extends z.ZodType>(schema: S, options: Partial<ValueOptions> = {}): Arbitrary<z.input<S>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const base = { ...DEFAULT_VALUE_OPTIONS, ...options };
  return (random) => {
    let last: z.ZodError | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Limits are often summed over fields (a label's reason from every input name): some values
      // are at the edges throughout, not one field at a time.
      const edgeBias = options.edgeBias ?? random.pick(EDGE_BIASES);
      const shrunk = { ...base, edgeBias, maxCollection: Math.max(1, base.maxCollection >> Math.floor(attempt / 10)) };
      const value = valueFor(json, random, shrunk);
      const parsed = schema.safeParse(value);
      if (parsed.success) return value as z.input<S>;
      last = parsed.error;
    }
    throw new Error(
      `arbitrary: no valid value in ${ATTEMPTS} attempts; last refusal: ${last ? z.prettifyError(last) : '?'}`,
    );
  };
}
