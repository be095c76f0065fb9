import { freshDatabaseUrl } from '@ledger/testing';
import { busContract } from './bus-contract.spec';
import { createBus } from './create-bus';

busContract('postgres', () =>
  createBus({ kind: 'postgres', clientId: 'contract-test', databaseUrl: freshDatabaseUrl('bus') }),
);
