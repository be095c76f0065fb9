export * from './eventually';
export * from './databases';
export * from './given-when-then';
export * from './arbitrary';
export * from './given-workflow';
export * from './infra/kafka-local';
export * from './services/service-under-test';
export * from './identity/identity-events';
