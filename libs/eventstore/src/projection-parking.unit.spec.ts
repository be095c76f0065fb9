import { QueryFailedError } from 'typeorm';
import { ConflictError, UnavailableError } from '@ledger/contracts';
import { mayBeTheEventsFault } from './projection-parking';

const pgError = (code: string) => Object.assign(new Error(`postgres says ${code}`), { code });
const failedQuery = (code: string) => new QueryFailedError('SELECT …', [], pgError(code));

describe('whether a projection’s failure may be its event’s fault', () => {
  it.each([
    ['a bug the event’s data triggers', new TypeError("Cannot read properties of undefined (reading 'name')")],
    ['a value the database refuses (division by zero)', failedQuery('22012')],
    ['a constraint the event breaks', failedQuery('23505')],
    ['a thrown string', 'no'],
    ['a compare-and-set the event’s expectation fails', new ConflictError('alias moved', {}, false)],
  ])('may be: %s', (_what, error) => expect(mayBeTheEventsFault(error)).toBe(true));

  it.each([
    ['the database unreachable', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['the connection lost mid-statement', new Error('Connection terminated unexpectedly')],
    ['a serialization failure', failedQuery('40001')],
    ['a deadlock', failedQuery('40P01')],
    ['a table not migrated yet', failedQuery('42P01')],
    ['a lock not available', failedQuery('55P03')],
    ['the server shutting down', failedQuery('57P01')],
    ['a concurrent writer', new ConflictError('stream s is not at the expected version 3', {})],
    ['a service shedding load', new UnavailableError('too busy')],
  ])('is not: %s', (_what, error) => expect(mayBeTheEventsFault(error)).toBe(false));
});
