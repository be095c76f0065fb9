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
    expect(failure({ name: 'a', owner: 'me', team: 'x' }).message).toBe('owner: is not a known field; team: is not a known field');
    expect(failure({ name: 42, tags: { a: 1 } }).message).toBe('name: must be a string, got number; tags.a: must be a string, got number');
  });

  it('names the whole input when it is not an object', () => {
    expect(failure(undefined).message).toBe('request body: is required');
    expect(failure([], 'query').message).toBe('query: must be an object, got an array');
  });
});
