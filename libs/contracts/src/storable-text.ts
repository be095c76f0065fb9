import { z } from 'zod';

// Text PostgreSQL cannot store. Its text types refuse the NUL character, and jsonb refuses both
// NUL (`\u0000`) and a UTF-16 surrogate without its pair (`\ud800` alone): JSON.stringify
// writes them as escapes that PostgreSQL rejects, so a write would fail with a 500 (or a bus
// command be retried). Every edge refuses them up front with this one rule: parseInput for
// HTTP, the message catalogs and envelopes for the bus.

/** One unstorable string of a value. */
export interface TextIssue {
  /** Where the string is: object keys and array indexes from the root. */
  path: PropertyKey[];
  message: string;
}

// With the u flag a surrogate pair is one code point, so a surrogate that matches is a lone one.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const UNSTORABLE = /\u0000|[\ud800-\udfff]/u;

/** Why the text cannot be stored, or undefined when it can. */
export function whyUnstorable(text: string): string | undefined {
  if (!UNSTORABLE.test(text)) return undefined;
  return text.includes('\u0000')
    ? 'must not contain the NUL character'
    : 'must not contain a lone UTF-16 surrogate (half of an emoji or other astral character)';
}

/** A zod refinement: every unstorable string of the value is an issue at its path. */
export function refuseUnstorableText(value: unknown, ctx: z.RefinementCtx): void {
  for (const issue of unstorableText(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/**
 * Every string (value or object key) in a JSON-like value that cannot be stored. A bad key is
 * reported at its object, quoted with escapes, and not descended into, so no message ever
 * carries the bad character itself (a dead-letter record stored in PostgreSQL must not fail).
 */
export function unstorableText(value: unknown, path: PropertyKey[] = []): TextIssue[] {
  if (typeof value === 'string') {
    const message = whyUnstorable(value);
    return message ? [{ path, message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableText(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const message = whyUnstorable(key);
    if (message) return [{ path, message: `key ${quote(key)} ${message}` }];
    return unstorableText(item, [...path, key]);
  });
}

// JSON.stringify escapes NUL and lone surrogates, so the quoted key is always storable.
const quote = (key: string): string =>
  JSON.stringify(Array.from(key).length > 40 ? `${Array.from(key).slice(0, 39).join('')}…` : key);
