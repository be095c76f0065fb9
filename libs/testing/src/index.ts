export * from './eventually';
export * from './databases';
export * from './given-when-then';
export * from './given-workflow';
export * from './infra/kafka-local';
