import { z } from 'zod';
import { ValidationError } from '@ledger/contracts';
import { parseInput } from './parse-input';

const Schema = z.strictObject({
  name: z.string().max(5, 'must be at most 5 characters'),
  tags: z.record(z.string(), z.string()).optional(),
  limits: z.object({ max: z.number() }).optional(),
});

function failure(value: unknown, what?: string): ValidationError {
  try {
    parseInput(Schema, value, what);
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a validation error');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(Schema, { name: 'abc' })).toEqual({ name: 'abc' });
  });

  it('names the field in the message', () => {
    const error = failure({ name: 'abcdef' });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(error.message).toBe('name: must be at most 5 characters');
    expect(error.details).toEqual({ issues: [{ path: 'name', message: 'must be at most 5 characters' }] });
  });

  it('says a missing field is required and a wrong type what it got', () => {
    expect(failure({}).message).toBe('name: is required');
    expect(failure({ name: 42 }).message).toBe('name: must be a string, got number');
    expect(failure({ name: 'a', limits: { max: 'x' } }).message).toBe('limits.max: must be a number, got string');
    expect(failure({ name: null }).message).toBe('name: must be a string, got null');
  });

  it('reports unknown fields by name and every failing field once', () => {
    expect(failure({ name: 'a', owner: 'me', team: 'x' }).message).toBe(
      'owner: is not a known field; team: is not a known field',
    );
    expect(failure({ name: 42, tags: { a: 1 } }).message).toBe(
      'name: must be a string, got number; tags.a: must be a string, got number',
    );
  });

  it('names the whole input when it is not an object', () => {
    expect(failure(undefined).message).toBe('request body: is required');
    expect(failure([], 'query').message).toBe('query: must be an object, got an array');
  });
});

// PostgreSQL refuses these in text and jsonb: a request carrying them must be a 400, not a 500.
describe('parseInput and text PostgreSQL cannot store', () => {
  it('names the field holding a NUL or a lone surrogate', () => {
    expect(failure({ name: 'a\u0000' }).message).toBe('name: must not contain the NUL character');
    expect(failure({ name: 'a', tags: { team: 'x\u0000' } }).message).toBe(
      'tags.team: must not contain the NUL character',
    );
    expect(failure({ name: '\ud800' }).message).toMatch(/^name: must not contain a lone UTF-16 surrogate/);
  });

  it('names a bad key by its object, escaped, even when the schema would not know the key', () => {
    expect(failure({ name: 'a', tags: { 'te\u0000am': 'x' } }).message).toBe(
      'tags: key "te\\u0000am" must not contain the NUL character',
    );
    expect(failure({ name: 'a', 'ow\u0000ner': 1 }).message).toBe(
      'request body: key "ow\\u0000ner" must not contain the NUL character',
    );
  });

  it('lists them with the schema issues of other fields', () => {
    const error = failure({ name: 'too long', tags: { team: '\u0000' } });
    expect(error.details).toEqual({
      issues: [
        { path: 'tags.team', message: 'must not contain the NUL character' },
        { path: 'name', message: 'must be at most 5 characters' },
      ],
    });
  });

  it('checks a single value (a path or query parameter) under its name', () => {
    expect(() => parseInput(z.string(), 'a\u0000', 'key')).toThrow('key: must not contain the NUL character');
  });
});
