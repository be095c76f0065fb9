import { ValidationError } from '@ledger/contracts';
import { uploadParams } from './upload-params';

describe('what a dataset upload says about itself', () => {
  it.each([
    ['text/csv; charset=utf-8', 'csv'],
    ['application/x-ndjson', 'jsonl'],
    ['application/jsonl', 'jsonl'],
    ['application/vnd.apache.parquet', 'parquet'],
  ])('takes the format from Content-Type %p', (contentType, format) => {
    expect(uploadParams({}, contentType)).toEqual({ format });
  });

  it('lets the format query parameter win over the Content-Type, and keeps a description', () => {
    expect(uploadParams({ format: 'parquet', description: 'March holdout' }, 'application/octet-stream')).toEqual({
      format: 'parquet',
      description: 'March holdout',
    });
  });

  it.each([
    [{}, 'application/octet-stream', /format: give the query parameter format/],
    [{}, undefined, /"none" names no dataset format/],
    [{ format: 'xlsx' }, 'text/csv', /format/],
    [{ delimiter: ';' }, 'text/csv', /delimiter/],
  ])('refuses %p with Content-Type %p, naming the field', (query, contentType, message) => {
    expect(() => uploadParams(query, contentType)).toThrow(ValidationError);
    expect(() => uploadParams(query, contentType)).toThrow(message);
  });
});
