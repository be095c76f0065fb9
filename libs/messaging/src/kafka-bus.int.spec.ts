import { kafkaBrokers } from '@ledger/testing';
import { busContract } from './bus-contract.spec';
import { createBus } from './create-bus';

busContract('kafka', () => createBus({ kind: 'kafka', clientId: 'contract-test', kafkaBrokers: kafkaBrokers() }));
