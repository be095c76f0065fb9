import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@ledger/contracts';
import { DEFAULT_STATUSES, toHttpError } from './error-response';
import { HttpErrorFilter } from './error.filter';

describe('mapping errors to HTTP', () => {
  it.each([
    [new ValidationError('name: is required'), 400, 'INVALID_PARAMETER_VALUE'],
    [new AlreadyExistsError('registered model "a" already exists'), 400, 'RESOURCE_ALREADY_EXISTS'],
    [new NotFoundError('registered model "a" does not exist'), 404, 'RESOURCE_DOES_NOT_EXIST'],
    [new ConflictError('stream moved on'), 409, 'CONCURRENT_MODIFICATION'],
    [new IllegalStateError('archived'), 409, 'INVALID_STATE'],
    [new ForbiddenError('not yours'), 403, 'PERMISSION_DENIED'],
  ])('maps %p to %i %s with its message', (error, status, code) => {
    expect(toHttpError(error)).toEqual({ status, body: { error_code: code, message: error.message }, internal: false });
  });

  it("takes a service's own status for a kind of refusal (MLflow's routes answer an illegal state 400)", () => {
    expect(toHttpError(new IllegalStateError('archived'), { ...DEFAULT_STATUSES, IllegalState: 400 }).status).toBe(400);
  });

  it('answers a shed request 503 TEMPORARILY_UNAVAILABLE with Retry-After', () => {
    expect(toHttpError(new UnavailableError('too busy', 2))).toEqual({
      status: 503,
      body: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'too busy', details: { retryAfterSeconds: 2 } },
      internal: false,
      headers: { 'Retry-After': '2' },
    });
  });

  it('keeps the details of a domain error', () => {
    expect(toHttpError(new NotFoundError('gone', { name: 'a' })).body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'gone',
      details: { name: 'a' },
    });
  });

  it('maps Nest HTTP exceptions: malformed body, unknown route, too large', () => {
    expect(toHttpError(new BadRequestException('Unexpected end of JSON input'))).toMatchObject({
      status: 400,
      body: { error_code: 'MALFORMED_REQUEST' },
    });
    expect(toHttpError(new NotFoundException('Cannot GET /x'))).toEqual({
      status: 404,
      body: { error_code: 'ENDPOINT_NOT_FOUND', message: 'no endpoint GET /x' },
      internal: false,
    });
    expect(toHttpError(new PayloadTooLargeException())).toMatchObject({
      status: 413,
      body: { error_code: 'REQUEST_TOO_LARGE' },
    });
  });

  it("maps body-parser's own errors by their status", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      expose: true,
      limit: 1048576,
    });
    expect(toHttpError(tooLarge)).toEqual({
      status: 413,
      body: { error_code: 'REQUEST_TOO_LARGE', message: 'request body is larger than the limit of 1048576 bytes' },
      internal: false,
    });
    const charset = Object.assign(new Error('unsupported charset "KOI8"'), {
      status: 415,
      type: 'charset.unsupported',
      expose: true,
    });
    expect(toHttpError(charset)).toMatchObject({ status: 415, body: { error_code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers anything else with a generic 500 that leaks nothing', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows') at /srv/app/query.ts:12");
    const mapped = toHttpError(bug);
    expect(mapped.status).toBe(500);
    expect(mapped.internal).toBe(true);
    expect(mapped.body.error_code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(mapped.body)).not.toMatch(/rows|query\.ts|TypeError/);
    expect(toHttpError('a thrown string').status).toBe(500);
    expect(
      toHttpError(Object.assign(new Error('db password=x'), { status: 500, type: 'x', expose: true })).status,
    ).toBe(500);
  });

  it('rethrows outside HTTP so a bus transport still sees the original error', () => {
    const error = new ValidationError('bad');
    const rpcHost = { getType: () => 'rpc' } as never;
    expect(() => new HttpErrorFilter().catch(error, rpcHost)).toThrow(error);
  });
});
