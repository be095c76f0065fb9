import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '@ledger/contracts';
import { PermanentMessageError } from '@ledger/messaging';
import { settle } from './bus-commands';

// Only the failure paths: they never reach the database (the offset is stored after success).
const noDatabase = undefined as unknown as DataSource;
const delivery = { consumer: 'registry.commands', topic: 'ml.registry.commands', partition: 0, offset: '7' };
const failingWith = (error: Error) => settle(noDatabase, delivery, () => Promise.reject(error));

describe('settling a bus command that failed', () => {
  it.each([new ValidationError('name: is required'), new NotFoundError('no such model'), new ConflictError('alias moved', {}, false)])(
    'sends a refusal that a retry cannot change (%p) to the DLQ',
    async (error) => {
      await expect(failingWith(error)).rejects.toThrow(PermanentMessageError);
    },
  );

  it.each([new ConflictError('stream moved on'), new UnavailableError('too busy'), new Error('connection reset')])('lets the bus retry %p', async (error) => {
    await expect(failingWith(error)).rejects.toBe(error);
  });
});
