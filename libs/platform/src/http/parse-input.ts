import { z } from 'zod';
import { unstorableText, ValidationError, whyUnstorable } from '@ledger/contracts';

export interface InputIssue {
  path: string;
  message: string;
}

// Plain messages for the common cases; the field's path is prefixed when they are reported.
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  return `must be ${article(issue.expected)} ${issue.expected}, got ${describe(issue.input)}`;
};

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Validates untrusted input at an edge. The error names each failing field, e.g.
 * "name: must be at most 256 characters", and lists every issue in details. Text PostgreSQL
 * cannot store (NUL, lone surrogates) is refused here too, for every route, before any write.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(value, { error: messages });
  const unstorable = unstorableText(value).map((issue) => ({ path: pathOf(issue.path, what), message: issue.message }));
  if (result.success && unstorable.length === 0) return result.data;
  // A field whose very name cannot be stored is reported once, by its object, with the name escaped.
  const schemaIssues = result.success
    ? []
    : schemaIssuesOf(result.error, what).filter((issue) => !whyUnstorable(issue.path));
  const issues = [...unstorable, ...schemaIssues];
  // The first complaint per field is the useful one ("must not be empty", not also "must match").
  const firsts = issues.filter((issue, i) => issues.findIndex((other) => other.path === issue.path) === i);
  const message = firsts.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ValidationError(message, { issues: firsts });
}

function schemaIssuesOf(error: z.ZodError, what: string): InputIssue[] {
  return error.issues.flatMap((issue): InputIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key], what), message: 'is not a known field' }))
      : [{ path: pathOf(issue.path, what), message: issue.message }],
  );
}

function pathOf(path: PropertyKey[], what: string): string {
  if (path.length === 0) return what;
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
